package dev.beamplayground.local;

import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static dev.beamplayground.testing.ConnectAssertions.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.api.v1.GetSnippetResponse;
import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.api.v1.Sdk;
import dev.beamplayground.api.v1.SnippetFile;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionsPerBackend;
import dev.beamplayground.testing.TestBackend;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SaveSnippet then GetSnippet over HTTP, both functions together as the local runner has them. */
class SnippetRoundTripIT {
    @RegisterExtension
    static final FunctionsPerBackend FUNCTIONS = new FunctionsPerBackend();

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void aMultiFileSnippetComesBackAsItWasSaved(TestBackend backend) throws Exception {
        FunctionClient fn = FUNCTIONS.get(backend);
        SaveSnippetRequest request = SaveSnippetRequest.newBuilder()
                .setSdk(Sdk.SDK_JAVA)
                .setPipelineOptions("--inputFile=gs://bucket/kinglear.txt")
                .setComplexity(dev.beamplayground.api.v1.Complexity.COMPLEXITY_ADVANCED)
                .addFiles(SnippetFile.newBuilder().setName("WordCount.java").setIsMain(true)
                        .setContent("public class WordCount {\n  // \"quotes\", tabs\t, ünïcödé, 𝄞\n}\n"))
                .addFiles(SnippetFile.newBuilder().setName("Util.java").setContent("class Util {}"))
                .addFiles(SnippetFile.newBuilder().setName("notes.txt").setContent("a\r\nb"))
                .build();

        String id = field(assertOk(fn.call("SaveSnippet", JsonFormat.printer().print(request))), "id");
        String body = assertOk(fn.call("GetSnippet", "{\"id\":\"" + id + "\"}"));

        GetSnippetResponse.Builder got = GetSnippetResponse.newBuilder();
        JsonFormat.parser().merge(body, got);
        assertEquals(request.getSdk(), got.getSdk());
        assertEquals(request.getPipelineOptions(), got.getPipelineOptions());
        assertEquals(request.getComplexity(), got.getComplexity());
        assertEquals(request.getFilesList(), got.getFilesList());
    }
}
