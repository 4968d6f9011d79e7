package dev.beamplayground.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import dev.beamplayground.api.v1.Api;
import dev.beamplayground.api.v1.Categories;
import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.connect.PlaygroundApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code api.schema}, which the codecs read instead of protobuf's descriptors, says what api.proto says. */
class ApiSchemaTest {
    @Test
    void theTableIsWhatApiProtoSays() throws IOException {
        String expected = ApiSchemaText.of(Api.getDescriptor());
        String actual;
        try (InputStream in = ApiSchema.class.getResourceAsStream(ApiSchema.RESOURCE)) {
            assertNotNull(in, ApiSchema.RESOURCE + " is missing");
            actual = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            Path fresh = Path.of("target", ApiSchema.RESOURCE);
            Files.writeString(fresh, expected);
            assertEquals(expected, actual, "api.proto changed: copy " + fresh.toAbsolutePath()
                    + " to src/main/resources/dev/beamplayground/connect/schema/");
        }
    }

    @Test
    void everyMessageAndFieldIsTheDescriptorsOwn() throws ReflectiveOperationException {
        List<Descriptor> all = new ArrayList<>();
        Api.getDescriptor().getMessageTypes().forEach(d -> collect(d, all));
        for (Descriptor d : all) {
            MessageSchema m = ApiSchema.api().message(d.getFullName());
            assertNotNull(m, d.getFullName());
            assertEquals(d.getName(), m.name());
            assertEquals(d.getOptions().getMapEntry(), m.mapEntry(), d.getFullName());
            assertEquals(d.getFields().size(), m.fields().size(), d.getFullName());
            for (FieldDescriptor f : d.getFields()) {
                FieldSchema s = m.fields().get(f.getIndex());
                assertSame(s, m.field(f.getNumber()), f.getFullName());
                assertEquals(f.getName(), s.name());
                assertEquals(f.getJsonName(), s.jsonName());
                assertEquals(f.isRepeated(), s.repeated(), f.getFullName());
                assertEquals(f.isMapField(), s.isMap(), f.getFullName());
                assertEquals(f.getType().name(), s.type().name(), f.getFullName());
                if (f.getJavaType() == FieldDescriptor.JavaType.ENUM) {
                    f.getEnumType().getValues().forEach(v -> assertEquals(v.getNumber(),
                            s.enumType().number(v.getName()), v.getFullName()));
                }
            }
            if (!m.mapEntry()) {
                Message instance = (Message) Class.forName(m.javaClass()).getMethod("getDefaultInstance").invoke(null);
                assertSame(m, ApiSchema.api().of(instance), m.javaClass());
            }
        }
        assertEquals(Categories.Category.class.getName(), ApiSchema.api().message("api.v1.Categories.Category").javaClass());
    }

    @Test
    void everyMethodIsTheServicesOwn() {
        assertEquals(PlaygroundApi.SERVICE, ApiSchema.api().service());
        List<MethodDescriptor> methods = Api.getDescriptor().findServiceByName("PlaygroundService").getMethods();
        for (MethodDescriptor d : methods) {
            MethodSchema m = ApiSchema.api().method(d.getName());
            assertNotNull(m, d.getName());
            assertEquals(d.getInputType().getFullName(), m.input().fullName());
            assertEquals(d.getOutputType().getFullName(), m.output().fullName());
            assertEquals(d.getName().startsWith("GetPrecompiled") || d.getName().equals("GetDefaultPrecompiledObject"),
                    m.noSideEffects(), d.getName());
        }
        assertEquals(null, ApiSchema.api().method("NoSuchMethod"));
        assertSame(ApiSchema.api().message("api.v1.SaveSnippetRequest"),
                ApiSchema.api().method("SaveSnippet").input());
        assertSame(ApiSchema.api().of(SaveSnippetRequest.getDefaultInstance()),
                ApiSchema.api().method("SaveSnippet").input());
    }

    @Test
    void aTableThatNamesAMissingTypeIsRefused() {
        String table = "service x.S\nmessage x.A x.A\nfield 1 b b single message x.B\n";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ApiSchema.read(new StringReader(table)));
        assertEquals(ApiSchema.RESOURCE + ": no message x.B", e.getMessage());
        assertThrows(IllegalStateException.class, () -> ApiSchema.read(new StringReader("message x.A x.A\n")));
        assertThrows(IllegalStateException.class, () -> ApiSchema.read(new StringReader("service x.S\nfield 1 a a single string\n")));
    }

    private static void collect(Descriptor type, List<Descriptor> into) {
        into.add(type);
        type.getNestedTypes().forEach(d -> collect(d, into));
    }
}
