package dev.beamplayground.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.beamplayground.api.v1.GetPrecompiledObjectOutputRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectOutputResponse;
import dev.beamplayground.api.v1.GetSnippetRequest;
import dev.beamplayground.api.v1.GetSnippetResponse;
import dev.beamplayground.api.v1.Sdk;
import dev.beamplayground.domain.error.NotFoundException;
import dev.beamplayground.domain.error.UnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The protocol layer in process: every protocol and codec against one small service, no server, no store. */
class RpcHandlerTest {
    private static final String PATH = PlaygroundApi.PATH_PREFIX;
    private static final String ALLOWED = "https://play.example.org";

    private final CountDownLatch release = new CountDownLatch(1);
    private final RpcHandler handler = new RpcHandler(List.of(this::methods),
            new Cors(List.of(ALLOWED, "https://*.beam.example", "http://localhost:*"), Duration.ofMinutes(10)),
            1 << 20, "no-cache");

    private List<UnaryMethod> methods() {
        return List.of(
                UnaryMethod.of("GetSnippet", GetSnippetRequest.getDefaultInstance(), (GetSnippetRequest r) -> {
                    switch (r.getId()) {
                        case "missing" -> throw new NotFoundException("no snippet 100% \u00e9\nhere");
                        case "boom" -> throw new IllegalStateException("secret internals");
                        case "down" -> throw new UnavailableException("store down", Duration.ofSeconds(3), null);
                        case "slow" -> await();
                        default -> {
                        }
                    }
                    return Reply.of(snippet(r.getId()));
                }),
                UnaryMethod.of("GetPrecompiledObjectOutput", GetPrecompiledObjectOutputRequest.getDefaultInstance(),
                        (GetPrecompiledObjectOutputRequest r) -> CacheableBody.of(
                                GetPrecompiledObjectOutputResponse.newBuilder().setOutput("out of " + r.getCloudPath())
                                        .build())));
    }

    private void await() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static GetSnippetResponse snippet(String id) {
        GetSnippetResponse.Builder b = GetSnippetResponse.newBuilder().setSdk(Sdk.SDK_GO).setPipelineOptions(id);
        b.addFilesBuilder().setName("main.go").setContent("package main").setIsMain(true);
        return b.build();
    }

    private RpcResponse post(String method, String contentType, byte[] body, String... headers) {
        Headers h = new Headers().add("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return handler.handle(new RpcRequest("POST", PATH + method, null, h, body));
    }

    private static byte[] request(String id) {
        return GetSnippetRequest.newBuilder().setId(id).build().toByteArray();
    }

    static byte[] frame(int flags, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.writeBytes(new byte[] {(byte) (payload.length >>> 24), (byte) (payload.length >>> 16),
                (byte) (payload.length >>> 8), (byte) payload.length});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The frames of a gRPC-Web answer body: flags and payload of each. */
    private static List<byte[]> frames(byte[] body) {
        java.util.ArrayList<byte[]> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < body.length) {
            int length = (body[i + 1] & 0xff) << 24 | (body[i + 2] & 0xff) << 16 | (body[i + 3] & 0xff) << 8
                    | (body[i + 4] & 0xff);
            out.add(new byte[] {body[i]});
            out.add(Arrays.copyOfRange(body, i + 5, i + 5 + length));
            i += 5 + length;
        }
        return out;
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void connectJsonAndConnectBinaryAnswerTheSameMessage() throws InvalidProtocolBufferException {
        RpcResponse json = post("GetSnippet", "application/json; charset=utf-8", "{\"id\":\"abc\"}".getBytes());
        assertEquals(200, json.status());
        assertEquals("application/json", json.header("Content-Type"));
        assertTrue(text(json.body()).contains("\"pipelineOptions\":\"abc\""), text(json.body()));

        RpcResponse proto = post("GetSnippet", "application/proto", request("abc"), "Connect-Protocol-Version", "1");
        assertEquals(200, proto.status());
        assertEquals("application/proto", proto.header("Content-Type"));
        assertEquals(snippet("abc"), GetSnippetResponse.parseFrom(proto.body()));
    }

    @Test
    void anEmptyBinaryBodyIsTheDefaultMessageButAnEmptyJsonBodyIsRefused() {
        assertEquals(200, post("GetSnippet", "application/proto", new byte[0]).status());
        assertEquals(400, post("GetSnippet", "application/json", new byte[0]).status());
    }

    @Test
    void grpcWebBinaryAnswersADataFrameAndATrailerFrame() throws InvalidProtocolBufferException {
        for (String type : List.of("application/grpc-web", "application/grpc-web+proto")) {
            RpcResponse r = post("GetSnippet", type, frame(0, request("abc")), "X-Grpc-Web", "1",
                    "X-User-Agent", "grpc-web-dart/0.1");
            assertEquals(200, r.status());
            assertEquals("application/grpc-web+proto", r.header("Content-Type"));
            List<byte[]> frames = frames(r.body());
            assertEquals(4, frames.size(), "one data frame and one trailer frame");
            assertEquals(0, frames.get(0)[0]);
            assertEquals(snippet("abc"), GetSnippetResponse.parseFrom(frames.get(1)));
            assertEquals((byte) 0x80, frames.get(2)[0]);
            assertEquals("grpc-status:0\r\ngrpc-message:\r\n", text(frames.get(3)));
        }
    }

    @Test
    void grpcWebJsonCarriesJsonInItsFrames() {
        RpcResponse r = post("GetSnippet", "application/grpc-web+json", frame(0, "{\"id\":\"j\"}".getBytes()));
        assertEquals("application/grpc-web+json", r.header("Content-Type"));
        assertTrue(text(frames(r.body()).get(1)).contains("\"pipelineOptions\":\"j\""));
    }

    @Test
    void grpcWebTextIsBase64BothWaysAndTakesSeveralPaddedChunks() throws InvalidProtocolBufferException {
        byte[] framed = frame(0, request("t"));
        // The client may send its body as several base64 chunks, each padded.
        byte[] body = (Base64.getEncoder().encodeToString(Arrays.copyOfRange(framed, 0, 4))
                + Base64.getEncoder().encodeToString(Arrays.copyOfRange(framed, 4, framed.length))).getBytes();
        RpcResponse r = post("GetSnippet", "application/grpc-web-text", body);
        assertEquals("application/grpc-web-text+proto", r.header("Content-Type"));
        List<byte[]> frames = frames(Base64.getDecoder().decode(r.body()));
        assertEquals(snippet("t"), GetSnippetResponse.parseFrom(frames.get(1)));
    }

    @Test
    void errorsAreWrittenInTheCallersProtocol() {
        RpcResponse connect = post("GetSnippet", "application/json", "{\"id\":\"missing\"}".getBytes());
        assertEquals(404, connect.status());
        assertEquals("application/json", connect.header("Content-Type"));
        assertEquals("{\"code\":\"not_found\",\"message\":\"no snippet 100% \u00e9\\nhere\"}", text(connect.body()));

        RpcResponse binary = post("GetSnippet", "application/proto", request("missing"));
        assertEquals(404, binary.status());
        assertEquals("application/json", binary.header("Content-Type"), "Connect errors are JSON in every codec");

        RpcResponse web = post("GetSnippet", "application/grpc-web+proto", frame(0, request("missing")));
        assertEquals(200, web.status());
        assertEquals("5", web.header("grpc-status"));
        assertEquals("no snippet 100%25 %C3%A9%0Ahere", web.header("grpc-message"));
        assertEquals(0, web.body().length, "trailers-only");
    }

    @Test
    void serverFaultsAreInternalWithoutDetailsAndOutagesCarryRetryAfter() {
        RpcResponse boom = post("GetSnippet", "application/json", "{\"id\":\"boom\"}".getBytes());
        assertEquals(500, boom.status());
        assertEquals("{\"code\":\"internal\",\"message\":\"internal error\"}", text(boom.body()));
        RpcResponse down = post("GetSnippet", "application/json", "{\"id\":\"down\"}".getBytes());
        assertEquals(503, down.status());
        assertEquals("3", down.header("Retry-After"));
        assertEquals("14", post("GetSnippet", "application/grpc-web", frame(0, request("down"))).header("grpc-status"));
    }

    @Test
    void methodsOfTheServiceServedElsewhereAreUnimplementedAndUnknownNamesNotFound() {
        RpcResponse runCode = post("RunCode", "application/json", "{}".getBytes());
        assertEquals(501, runCode.status());
        assertTrue(text(runCode.body()).contains("\"code\":\"unimplemented\""));
        assertEquals("12", post("GetMetadata", "application/grpc-web+proto", frame(0, new byte[0]))
                .header("grpc-status"));
        assertEquals(404, post("NoSuchThing", "application/json", "{}".getBytes()).status());
        assertEquals(404, handler.handle(new RpcRequest("POST", "/other", null,
                new Headers().add("Content-Type", "application/json"), "{}".getBytes())).status());
    }

    @Test
    void contentTypesAndHttpMethodsOutsideTheProtocolsAreRefused() {
        RpcResponse grpc = post("GetSnippet", "application/grpc", frame(0, request("x")));
        assertEquals(415, grpc.status());
        assertTrue(grpc.header("Accept-Post").contains("application/grpc-web-text"));
        assertEquals(415, post("GetSnippet", "application/json; charset=latin1", "{}".getBytes()).status());
        RpcResponse put = handler.handle(new RpcRequest("PUT", PATH + "GetSnippet", null, new Headers(), null));
        assertEquals(405, put.status());
    }

    @Test
    void connectGetServesSideEffectFreeMethodsWithEtagsPerEncoding() throws InvalidProtocolBufferException {
        String json = URLEncoder.encode("{\"cloudPath\":\"SDK_GO_X\"}", StandardCharsets.UTF_8);
        RpcResponse first = get("GetPrecompiledObjectOutput", "encoding=json&message=" + json);
        assertEquals(200, first.status());
        assertEquals("no-cache", first.header("Cache-Control"));
        String etag = first.header("ETag");
        RpcResponse again = handler.handle(new RpcRequest("GET", PATH + "GetPrecompiledObjectOutput",
                "encoding=json&message=" + json, new Headers().add("If-None-Match", etag), null));
        assertEquals(304, again.status());
        assertEquals(0, again.body().length);

        String proto = Base64.getUrlEncoder().withoutPadding().encodeToString(
                GetPrecompiledObjectOutputRequest.newBuilder().setCloudPath("SDK_GO_X").build().toByteArray());
        RpcResponse binary = get("GetPrecompiledObjectOutput", "encoding=proto&base64=1&connect=v1&message=" + proto);
        assertEquals(200, binary.status());
        assertEquals("application/proto", binary.header("Content-Type"));
        assertEquals("out of SDK_GO_X", GetPrecompiledObjectOutputResponse.parseFrom(binary.body()).getOutput());
        assertTrue(!etag.equals(binary.header("ETag")), "each encoding has its own tag");

        RpcResponse sideEffects = get("GetSnippet", "encoding=json&message=" + URLEncoder.encode("{\"id\":\"a\"}",
                StandardCharsets.UTF_8));
        assertEquals(405, sideEffects.status());
        assertEquals("POST", sideEffects.header("Allow"));
    }

    private RpcResponse get(String method, String query) {
        return handler.handle(new RpcRequest("GET", PATH + method, query, new Headers(), null));
    }

    @Test
    void gzipRequestsAreReadInBothProtocols() throws IOException {
        byte[] gz = gzip(request("z"));
        assertEquals(200, post("GetSnippet", "application/proto", gz, "Content-Encoding", "gzip").status());
        RpcResponse web = post("GetSnippet", "application/grpc-web+proto", frame(1, gz), "grpc-encoding", "gzip");
        assertNull(web.header("grpc-status"), web.header("grpc-message"));
        assertEquals("3", post("GetSnippet", "application/grpc-web+proto", frame(1, request("z")))
                .header("grpc-status"), "a compressed frame needs grpc-encoding");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void aClientsDeadlineEndsTheCallWithDeadlineExceeded() {
        try {
            RpcResponse web = post("GetSnippet", "application/grpc-web+proto", frame(0, request("slow")),
                    "grpc-timeout", "50m");
            assertEquals("4", web.header("grpc-status"));
            RpcResponse connect = post("GetSnippet", "application/json", "{\"id\":\"slow\"}".getBytes(),
                    "Connect-Timeout-Ms", "50");
            assertEquals(504, connect.status());
            assertTrue(text(connect.body()).contains("deadline_exceeded"));
        } finally {
            release.countDown();
        }
        assertEquals(200, post("GetSnippet", "application/json", "{\"id\":\"fast\"}".getBytes(),
                "Connect-Timeout-Ms", "10000").status());
        assertEquals(504, post("GetSnippet", "application/json", "{\"id\":\"fast\"}".getBytes(),
                "Connect-Timeout-Ms", "0").status());
    }

    @Test
    void corsLetsListedOriginsInAndNoOneElse() {
        RpcResponse preflight = preflight(ALLOWED);
        assertEquals(204, preflight.status());
        assertEquals(ALLOWED, preflight.header("Access-Control-Allow-Origin"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("x-grpc-web"));
        assertTrue(preflight.header("Access-Control-Allow-Headers").contains("connect-protocol-version"));
        assertEquals("600", preflight.header("Access-Control-Max-Age"));
        assertEquals(204, preflight("https://a.b.beam.example").status());
        assertEquals(204, preflight("http://localhost:5173").status());
        for (String other : List.of("https://evil.example", "http://play.example.org", "https://beam.example",
                "https://play.example.org:8443", "null", "https://x.beam.example.evil", "https://evilbeam.example")) {
            RpcResponse refused = preflight(other);
            assertEquals(403, refused.status(), other);
            assertNull(refused.header("Access-Control-Allow-Origin"), other);
        }

        RpcResponse allowed = post("GetSnippet", "application/grpc-web+proto", frame(0, request("missing")),
                "Origin", ALLOWED);
        assertEquals(ALLOWED, allowed.header("Access-Control-Allow-Origin"));
        assertTrue(allowed.header("Access-Control-Expose-Headers").contains("grpc-status"));
        assertTrue(allowed.header("Access-Control-Expose-Headers").contains("grpc-message"));
        assertEquals("Origin", allowed.header("Vary"));
        RpcResponse other = post("GetSnippet", "application/json", "{\"id\":\"a\"}".getBytes(),
                "Origin", "https://evil.example");
        assertNull(other.header("Access-Control-Allow-Origin"));
    }

    private RpcResponse preflight(String origin) {
        return handler.handle(new RpcRequest("OPTIONS", PATH + "GetSnippet", null, new Headers()
                .add("Origin", origin).add("Access-Control-Request-Method", "POST")
                .add("Access-Control-Request-Headers", "content-type,x-grpc-web,x-user-agent"), null));
    }

    @Test
    void originPatternsThatAreNoOriginsStopTheStart() {
        for (String bad : List.of("*", "https://*", "play.example.org", "https://a.example/path", "ftp://a.example")) {
            assertThrows(IllegalArgumentException.class, () -> new Cors(List.of(bad), Duration.ZERO), bad);
        }
    }

    @Test
    void aMethodMayBeServedOnce() {
        assertThrows(IllegalStateException.class, () -> new RpcHandler(List.of(this::methods, this::methods),
                new Cors(List.of(), Duration.ZERO), 100, "no-cache"));
        assertThrows(IllegalArgumentException.class, () -> UnaryMethod.of("GetSnippet",
                GetPrecompiledObjectOutputRequest.getDefaultInstance(), r -> null));
    }

    @Test
    void bodiesOverTheBoundAreResourceExhausted() {
        byte[] big = new byte[(1 << 20) + 1];
        assertEquals(413, post("GetSnippet", "application/proto", big).status());
        assertEquals("8", post("GetSnippet", "application/grpc-web+proto", frame(0, big)).header("grpc-status"));
        assertArrayEquals(new byte[0], post("GetSnippet", "application/grpc-web+proto", frame(0, big)).body());
    }

    @Test
    void theBinaryCodecRefusesWhatTheJsonCodecWouldRefuse() {
        // sdk (field 2) with a number the enum lacks; id (field 1) sent as a varint: another message type.
        assertEquals(400, post("GetPrecompiledObjectOutput", "application/proto", new byte[] {0x0A, 0x02, (byte) 0xC0,
                (byte) 0xAF}).status(), "invalid UTF-8");
        assertEquals(400, post("GetSnippet", "application/proto", new byte[] {0x08, 0x01}).status(), "wrong wire type");
        assertEquals(200, post("GetSnippet", "application/proto", new byte[] {0x78, 0x01}).status(),
                "an unknown field number is skipped, as protobuf does");
    }
}
