package dev.beamplayground.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamplayground.api.v1.Complexity;
import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.api.v1.Sdk;
import dev.beamplayground.api.v1.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
    private final JsonCodec codec = JsonCodec.INSTANCE;

    private SaveSnippetRequest parse(String json) {
        return (SaveSnippetRequest) codec.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), SaveSnippetRequest.getDefaultInstance());
    }

    /** Each accepted body with the message it must parse to (unknown fields dropped, null = default). */
    static Stream<Arguments> proto3Json() {
        return Stream.of(
                Arguments.of("{\"sdk\":\"SDK_GO\",\"complexity\":3,\"files\":[{\"name\":\"a\",\"content\":\"b\",\"is_main\":true}]}",
                        SaveSnippetRequest.newBuilder().setSdk(Sdk.SDK_GO).setComplexity(Complexity.COMPLEXITY_ADVANCED)
                                .addFiles(SnippetFile.newBuilder().setName("a").setContent("b").setIsMain(true))
                                .build()),
                Arguments.of("{\"sdk\":null,\"pipeline_options\":\"x\",\"persistenceKey\":\"\\ud83d\\ude00\",\"junk\":{\"a\":[1,-2.5e3,null]}}",
                        SaveSnippetRequest.newBuilder().setPipelineOptions("x").setPersistenceKey("\ud83d\ude00").build()),
                Arguments.of(" {\"files\":[]} \n", SaveSnippetRequest.getDefaultInstance()));
    }

    @ParameterizedTest
    @MethodSource("proto3Json")
    void acceptsProto3Json(String json, SaveSnippetRequest expected) {
        assertEquals(expected, parse(json));
    }

    /** Each of these JsonFormat alone accepts (and stores something other than what was sent, or guesses). */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"sdk\":\"SDK_GO\"} x", "{\"sdk\":\"SDK_GO\"}{}", "{/* c */\"sdk\":\"SDK_GO\"}", "{\"junk\":NaN}",
        "{'sdk':'SDK_GO'}", "{sdk:\"SDK_GO\"}", "{\"junk\":01}", "{\"junk\":\"a\tb\"}",
        "{\"sdk\":\"SDK_GO\",\"sdk\":\"SDK_JAVA\"}", "{\"pipelineOptions\":\"a\",\"pipeline_options\":\"b\"}",
        "{\"pipelineOptions\":1}", "{\"pipelineOptions\":true}", "{\"files\":[{\"isMain\":\"true\"}]}",
        "{\"complexity\":\"COMPLEXITY_HUGE\"}", "{\"complexity\":\"complexity_basic\"}", "{\"complexity\":\"1\"}",
        "{\"complexity\":1.5}", "{\"complexity\":2147483648}", "{\"persistenceKey\":\"\\uD800\"}",
        "{\"junk\":\"\\uDC00\\uD800\"}", "{\"files\":[null]}"})
    void refusesWhatTheLenientParserTakes(String json) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> parse(json));
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertFalse(e.getMessage().contains("JsonReader"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void namesTheFieldNotTheValue() {
        assertEquals("pipelineOptions must be a string",
                assertThrows(InvalidArgumentException.class, () -> parse("{\"pipeline_options\":[\"secret\"]}"))
                        .getMessage());
    }
}
