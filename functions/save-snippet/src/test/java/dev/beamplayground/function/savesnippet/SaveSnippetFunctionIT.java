package dev.beamplayground.function.savesnippet;

import static dev.beamplayground.testing.ConnectAssertions.assertConnectError;
import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static dev.beamplayground.testing.ConnectAssertions.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.api.v1.SaveSnippetResponse;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionsPerBackend;
import dev.beamplayground.testing.TestBackend;
import dev.beamplayground.testing.FunctionResponse;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SaveSnippet over HTTP, against SQLite and the real Datastore emulator. */
class SaveSnippetFunctionIT {
    @RegisterExtension
    static final FunctionsPerBackend FUNCTIONS = new FunctionsPerBackend();

    private static String save(TestBackend backend, String json) {
        return field(assertOk(FUNCTIONS.get(backend).call("SaveSnippet", json)), "id");
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void storesAMultiFileSnippet(TestBackend backend) {
        String id = save(backend, """
                {"sdk":"SDK_JAVA","pipelineOptions":" --output=out ","complexity":"COMPLEXITY_MEDIUM",
                 "files":[{"name":"Main.java","content":"class Main {}","isMain":true},
                          {"name":"Util.java","content":"class Util { /* ünï */ }"}]}""");

        Snippet stored = FUNCTIONS.get(backend).store().findSnippet(id).orElseThrow();
        assertEquals(Sdk.SDK_JAVA, stored.sdk());
        assertEquals("--output=out", stored.pipelineOptions());
        assertEquals(Complexity.COMPLEXITY_MEDIUM, stored.complexity());
        assertEquals(Origin.PG_USER, stored.origin());
        assertEquals(List.of(new SnippetFile("Main.java", "class Main {}", true, 0),
                new SnippetFile("Util.java", "class Util { /* ünï */ }", false, 0)), stored.files());
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void identicalContentInAnyFileOrderHasOneIdAndIsStoredOnce(TestBackend backend) {
        long before = FUNCTIONS.get(backend).store().countSnippets();
        String first = save(backend, """
                {"sdk":"SDK_GO","files":[{"name":"main.go","content":"package main","isMain":true},
                                         {"name":"lib.go","content":"package lib"}]}""");
        String second = save(backend, """
                {"sdk":"SDK_GO","files":[{"name":"lib.go","content":"package lib"},
                                         {"name":"main.go","content":"package main","isMain":true}]}""");
        // Original proto field names and enum numbers mean the same message.
        String third = save(backend, """
                {"sdk":2,"complexity":0,"files":[{"name":"lib.go","content":"package lib","is_main":false},
                                         {"name":"main.go","content":"package main","is_main":true}]}""");

        assertEquals(first, second);
        assertEquals(first, third);
        assertEquals(before + 1, FUNCTIONS.get(backend).store().countSnippets());
        assertNotEquals(first, save(backend, """
                {"sdk":"SDK_GO","files":[{"name":"main.go","content":"package main // changed","isMain":true},
                                         {"name":"lib.go","content":"package lib"}]}"""));
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void everyProtocolAndCodecSavesTheSameSnippet(TestBackend backend) throws Exception {
        FunctionClient fn = FUNCTIONS.get(backend);
        long before = fn.store().countSnippets();
        SaveSnippetRequest.Builder request = SaveSnippetRequest.newBuilder().setSdk(dev.beamplayground.api.v1.Sdk.SDK_SCIO)
                .setPipelineOptions("--runner=Direct");
        request.addFilesBuilder().setName("Main.scala").setContent("object Main // \u00fc").setIsMain(true);
        byte[] proto = request.build().toByteArray();
        String json = com.google.protobuf.util.JsonFormat.printer().print(request);
        String id = save(backend, json);

        FunctionResponse binary = fn.send("POST", FunctionClient.SERVICE + "SaveSnippet", proto, "application/proto");
        assertEquals(200, binary.getStatusCode(), binary::getBodyAsText);
        assertEquals(id, SaveSnippetResponse.parseFrom(binary.body()).getId());
        for (String type : List.of("application/grpc-web", "application/grpc-web+proto", "application/grpc-web-text")) {
            byte[] framed = frame(proto);
            FunctionResponse web = fn.send("POST", FunctionClient.SERVICE + "SaveSnippet",
                    type.endsWith("-text") ? Base64.getEncoder().encode(framed) : framed,
                    Map.of("Content-Type", type, "X-Grpc-Web", "1", "X-User-Agent", "grpc-web-dart/0.1"));
            assertEquals(200, web.getStatusCode(), type);
            byte[] body = type.endsWith("-text") ? Base64.getDecoder().decode(web.body()) : web.body();
            int length = ((body[1] & 0xff) << 24) | ((body[2] & 0xff) << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
            assertEquals(id, SaveSnippetResponse.parseFrom(Arrays.copyOfRange(body, 5, 5 + length)).getId(), type);
            assertTrue(new String(body, 5 + length + 5, body.length - 10 - length, StandardCharsets.US_ASCII)
                    .startsWith("grpc-status:0\r\n"), type);
        }
        FunctionResponse webJson = fn.send("POST", FunctionClient.SERVICE + "SaveSnippet",
                frame(json.getBytes(StandardCharsets.UTF_8)), "application/grpc-web+json");
        assertTrue(webJson.getBodyAsText().contains("\"id\":\"" + id + "\""), webJson::getBodyAsText);
        assertEquals(before + 1, fn.store().countSnippets(), "one snippet, whatever the protocol");
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void methodsServedByOtherFunctionsAreUnimplementedInTheCallersProtocol(TestBackend backend) {
        FunctionClient fn = FUNCTIONS.get(backend);
        for (String method : List.of("GetSnippet", "RunCode", "GetMetadata", "Cancel")) {
            assertConnectError(fn.call(method, "{}"), 501, "unimplemented");
            FunctionResponse web = fn.send("POST", FunctionClient.SERVICE + method, frame(new byte[0]),
                    "application/grpc-web+proto");
            assertEquals(200, web.getStatusCode());
            assertEquals("12", web.header("grpc-status"), method);
        }
    }

    private static byte[] frame(byte[] message) {
        byte[] framed = new byte[message.length + 5];
        framed[1] = (byte) (message.length >>> 24);
        framed[2] = (byte) (message.length >>> 16);
        framed[3] = (byte) (message.length >>> 8);
        framed[4] = (byte) message.length;
        System.arraycopy(message, 0, framed, 5, message.length);
        return framed;
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void aPersistenceKeySaveLeavesExactlyOneSnippetOfThatKeyAndNoOrphanFiles(TestBackend backend) {
        var store = FUNCTIONS.get(backend).store();
        long snippets = store.countSnippets();
        long files = store.countFiles();
        save(backend, """
                {"sdk":"SDK_PYTHON","persistenceKey":"tob-unit-1","files":[
                  {"name":"a.py","content":"print(1)","isMain":true},{"name":"b.py","content":"x=1"},
                  {"name":"c.py","content":"y=2"}]}""");
        String last = save(backend, """
                {"sdk":"SDK_PYTHON","persistence_key":"tob-unit-1","files":[
                  {"name":"a.py","content":"print(2)"}]}""");

        assertEquals(List.of(last), store.snippetIdsByPersistenceKey("tob-unit-1"));
        assertEquals(Origin.TB_USER, store.findSnippet(last).orElseThrow().origin());
        assertEquals(snippets + 1, store.countSnippets());
        assertEquals(files + 1, store.countFiles());
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void aFileOverOneMillionBytesIsRefusedAndNothingIsStored(TestBackend backend) {
        var store = FUNCTIONS.get(backend).store();
        long snippets = store.countSnippets();
        long files = store.countFiles();
        String json = "{\"sdk\":\"SDK_JAVA\",\"files\":[{\"name\":\"Big.java\",\"content\":\""
                + "x".repeat(1_000_001) + "\"}]}";

        assertConnectError(FUNCTIONS.get(backend).call("SaveSnippet", json), 400, "invalid_argument");

        assertEquals(snippets, store.countSnippets());
        assertEquals(files, store.countFiles());
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void badRequestsGetConnectErrorsAndStoreNothing(TestBackend backend) {
        FunctionClient fn = FUNCTIONS.get(backend);
        long snippets = fn.store().countSnippets();
        String ok = "{\"sdk\":\"SDK_JAVA\",\"files\":[{\"name\":\"A.java\",\"content\":\"class A {}\"}]}";

        assertConnectError(fn.call("SaveSnippet", "{\"sdk\":\"SDK_JAVA\",\"files\":[{\"name\""), 400,
                "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", "{sdk: SDK_JAVA}"), 400, "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", ok.replace("SDK_JAVA", "SDK_RUST")), 400, "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", ok.replace("\"SDK_JAVA\"", "99")), 400, "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", "{\"sdk\":\"SDK_JAVA\",\"files\":[]}"), 400, "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", "{\"sdk\":\"SDK_JAVA\"}"), 400, "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", "{}"), 400, "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", ""), 400, "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", "[]"), 400, "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", "{\"files\":\"not a list\",\"sdk\":\"SDK_JAVA\"}"), 400,
                "invalid_argument");
        assertConnectError(fn.call("SaveSnippet", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"), 400,
                "invalid_argument");
        assertConnectError(fn.send("POST", FunctionClient.SERVICE + "SaveSnippet",
                ok.getBytes(StandardCharsets.UTF_8), "text/plain"), 415, "invalid_argument");
        assertConnectError(fn.send("POST", FunctionClient.SERVICE + "SaveSnippet",
                ok.getBytes(StandardCharsets.UTF_8), (String) null), 415, "invalid_argument");
        assertConnectError(fn.send("POST", FunctionClient.SERVICE + "SaveSnippet",
                new byte[] {'{', '"', 's', 'd', 'k', '"', ':', '"', (byte) 0xC3, '"', '}'}, "application/json"),
                400, "invalid_argument");
        assertConnectError(fn.send("GET", FunctionClient.SERVICE + "SaveSnippet", null, (String) null), 405,
                "invalid_argument");
        assertConnectError(fn.call("NoSuchMethod", ok), 404, "not_found");

        assertEquals(snippets, fn.store().countSnippets());
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void aBodyOverTheRequestBoundIsRefusedAsTooLarge(TestBackend backend) {
        String json = "{\"sdk\":\"SDK_JAVA\",\"pipelineOptions\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
        assertConnectError(FUNCTIONS.get(backend).call("SaveSnippet", json), 413, "resource_exhausted");
    }

    @Test
    void anUnreachableStoreIsUnavailableWithRetryAfterNotAServerError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (FunctionClient fn = FunctionClient.start(Map.of("backend.module", "datastore",
                "backend.emulator-host", "127.0.0.1:" + closedPort, "backend.project-id", "unreachable"))) {
            long start = System.nanoTime();
            FunctionResponse response = fn.call("SaveSnippet",
                    "{\"sdk\":\"SDK_JAVA\",\"files\":[{\"name\":\"A.java\",\"content\":\"class A {}\"}]}");
            assertConnectError(response, 503, "unavailable");
            assertTrue(response.header("Retry-After") != null);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "answered within the retry budget");
        }
    }
}
