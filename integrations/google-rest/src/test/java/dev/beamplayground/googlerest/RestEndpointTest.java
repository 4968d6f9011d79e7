package dev.beamplayground.googlerest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.googlerest.ScriptedServer.Reply;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** One call against a scripted server: what is sent, what comes back, and the bounds on the answer. */
class RestEndpointTest {
    private static final String PATH = "/v1/things/one";
    private static final LongSupplier PLENTY = () -> 10_000;

    @Test
    void aGetSendsTheTokenAndAsksForJson() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, "{\"a\":1}"));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), () -> "Bearer t", "Things")) {
            assertEquals(new RestEndpoint.Answer(200, "{\"a\":1}"), endpoint.get(PLENTY));
            ScriptedServer.Request request = server.requests.get(0);
            assertEquals("GET", request.method());
            assertEquals(PATH, request.path());
            assertEquals("Bearer t", request.authorization());
            assertEquals(0, request.body().length);
        }
    }

    @Test
    void aPostSendsItsJsonBodyAndNoHeaderWithoutAToken() throws Exception {
        byte[] body = "{\"x\":[]}".getBytes(StandardCharsets.UTF_8);
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, "{}"));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), Authorization.NONE, "Things")) {
            endpoint.post(body, PLENTY);
            ScriptedServer.Request request = server.requests.get(0);
            assertEquals("POST", request.method());
            assertEquals("application/json; charset=utf-8", request.contentType());
            assertArrayEquals(body, request.body());
            assertNull(request.authorization());
        }
    }

    @Test
    void sendPostsItsTypeAndHeadersToTheMethodUnderTheUrlAndBoundsTheAnswerAsAsked() throws Exception {
        byte[] body = {0, 1, 2, (byte) 0xff};
        byte[] answer = new byte[100_000]; // over the JSON calls' bound: a request may allow more
        answer[99_999] = 7;
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, "application/x-protobuf", answer));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), () -> "Bearer t", "Things")) {
            RestEndpoint.Reply reply = endpoint.send(new RestEndpoint.Request(":lookup", "application/x-protobuf", body,
                    Map.of("x-goog-request-params", "project_id=p"), 100_000), PLENTY);
            assertEquals(200, reply.status());
            assertEquals("application/x-protobuf", reply.contentType());
            assertArrayEquals(answer, reply.body());
            ScriptedServer.Request request = server.requests.get(0);
            assertEquals(PATH + ":lookup", request.path());
            assertEquals("application/x-protobuf", request.contentType());
            assertEquals("application/x-protobuf", request.headers().get("accept"));
            assertEquals("project_id=p", request.headers().get("x-goog-request-params"));
            assertArrayEquals(body, request.body());

            IOException tooLarge = assertThrows(IOException.class, () -> endpoint.send(new RestEndpoint.Request(
                    ":lookup", "application/x-protobuf", body, Map.of(), 99_999), PLENTY));
            assertTrue(tooLarge.getMessage().contains("over 99999 bytes"), tooLarge.getMessage());
        }
    }

    @Test
    void aRefusalComesWithItsStatusAndBody() throws Exception {
        String error = "{\"error\":{\"code\":404,\"message\":\"not found\"}}";
        try (ScriptedServer server = new ScriptedServer(Reply.of(404, error));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), Authorization.NONE, "Things")) {
            assertEquals(new RestEndpoint.Answer(404, error), endpoint.get(PLENTY));
        }
    }

    @Test
    void anAnswerOverTheBoundIsAnError() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                Reply.of(200, "{\"x\":\"" + "a".repeat(RestEndpoint.MAX_ANSWER_BYTES) + "\"}"));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), Authorization.NONE, "Things")) {
            IOException e = assertThrows(IOException.class, () -> endpoint.get(PLENTY));
            assertEquals("Things's answer (HTTP 200) is over 65536 bytes", e.getMessage());
        }
    }

    @Test
    void anAnswerOfExactlyTheBoundIsRead() throws Exception {
        String body = "\"" + "a".repeat(RestEndpoint.MAX_ANSWER_BYTES - 2) + "\"";
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, body));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), Authorization.NONE, "Things")) {
            assertEquals(body, endpoint.get(PLENTY).body());
        }
    }

    @Test
    void aStuckAnswerEndsAtTheDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(new Reply(200, "{}", release, 0))) {
            assertEndsAtTheDeadline(server);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAnswerThatTricklesInEndsAtTheDeadline() throws Exception {
        // Each byte comes well within the read timeout; the whole answer would take 4 s.
        try (ScriptedServer server = new ScriptedServer(new Reply(200, "{\"x\":\"" + "a".repeat(30) + "\"}", null, 100))) {
            assertEndsAtTheDeadline(server);
        }
    }

    /**
     * The body's reading checks the deadline itself: the watchdog's disconnect may leave a kept-alive body being read.
     * Here the watchdog is far off (the deadline passes only for the body's reads), so only that check ends it.
     */
    @Test
    void theBodyIsReadOnlyUntilTheDeadline() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        LongSupplier passesAfterTheHeaders = () -> asked.getAndIncrement() == 0 ? 10_000 : 0;
        try (ScriptedServer server = new ScriptedServer(new Reply(200, "{\"x\":\"" + "a".repeat(30) + "\"}", null, 100));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), Authorization.NONE, "Things")) {
            long t0 = System.nanoTime();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> endpoint.get(passesAfterTheHeaders));
            assertEquals("Things's answer (HTTP 200) did not come in time", e.getMessage());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(took < 1_500, "ended after " + took + " ms");
        }
    }

    /**
     * Once the answer has begun, the watchdog leaves it alone: its disconnect could not stop a body being read (the
     * JDK's body streams hold their lock through a read) and would hand the rest of a kept-alive body to the JDK's
     * cleaner thread, whose reads then raced this call's for the bytes left. Here the watchdog's time passes in the
     * middle of a slow body whose own deadline is far off, so the body must come whole.
     */
    @Test
    void theWatchdogLeavesAnAnswerThatHasBegun() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        LongSupplier watchdogSoonBodyLater = () -> asked.getAndIncrement() == 0 ? 250 : 10_000;
        String body = "{\"x\":\"" + "a".repeat(4) + "\"}";
        try (ScriptedServer server = new ScriptedServer(new Reply(200, body, null, 50));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), Authorization.NONE, "Things")) {
            assertEquals(new RestEndpoint.Answer(200, body), endpoint.get(watchdogSoonBodyLater));
        }
    }

    /** A body that stops mid-way ends at the read timeout the connection opened with, so within twice the time. */
    @Test
    void aBodyThatStopsMidWayEndsWithinTwiceTheTime() throws Exception {
        try (ScriptedServer server = new ScriptedServer(new Reply(200, "{\"x\":1}", null, 5_000))) {
            assertEndsAtTheDeadline(server, SocketTimeoutException.class); // 500 ms, bounded below 1,500
        }
    }

    /** The watchdog's disconnect (a stuck answer) or the deadline's check in the body (a trickle). */
    private static void assertEndsAtTheDeadline(ScriptedServer server) {
        assertEndsAtTheDeadline(server, IOException.class);
    }

    private static void assertEndsAtTheDeadline(ScriptedServer server, Class<? extends IOException> failure) {
        try (RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), Authorization.NONE, "Things")) {
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(500);
            assertThrows(failure,
                    () -> endpoint.get(() -> TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(took >= 450 && took < 1_500, "ended after " + took + " ms");
        }
    }

    @Test
    void noTimeLeftOrAClosedEndpointSendsNothing() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, "{}"));
                RestEndpoint endpoint = new RestEndpoint(server.uri(PATH), Authorization.NONE, "Things")) {
            SocketTimeoutException late = assertThrows(SocketTimeoutException.class, () -> endpoint.get(() -> 0));
            assertEquals("no time left for Things", late.getMessage());
            endpoint.close();
            assertThrows(IOException.class, () -> endpoint.get(PLENTY));
            assertEquals(0, server.requests.size());
        }
    }
}
