package dev.beamplayground.pipeline.pubsub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.RestEndpoint;
import dev.beamplayground.googlerest.ScriptedServer;
import dev.beamplayground.googlerest.ScriptedServer.Reply;
import dev.beamplayground.time.Pacer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The publish policy against a scripted HTTP server: what is tried again, what ends at once, and that all of it stays
 * within the publish timeout. Pauses go to a fake clock, so no test waits for a backoff.
 */
class PublishRetryTest {
    private static final String PATH = "/v1/projects/proj/topics/cancel:publish";
    private static final byte[] BODY = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Pub/Sub's answer to an accepted publish. */
    static final String ACCEPTED = "{\n  \"messageIds\": [\"1\"]\n}\n";

    private final FakePacer pacer = new FakePacer();

    private PublishRetry retry(ScriptedServer server, Authorization authorization) {
        return new PublishRetry(new RestEndpoint(server.uri(PATH), authorization, "Pub/Sub"), TIMEOUT, pacer);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 502, 503, 504})
    void aTransientAnswerIsTriedAgainAfterAPause(int status) throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(status, "{\"error\":{}}"),
                Reply.of(200, ACCEPTED))) {
            retry(server, Authorization.NONE).publish(BODY);
            assertEquals(2, server.requests.size());
            assertEquals(List.of(PublishRetry.FIRST_PAUSE_MILLIS), pacer.pauses);
            for (ScriptedServer.Request request : server.requests) {
                assertEquals("POST", request.method());
                assertEquals(PATH, request.path());
                assertEquals("application/json; charset=utf-8", request.contentType());
                assertArrayEquals(BODY, request.body());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 301})
    void aRefusalEndsAtOnceWithItsStatus(int status) throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(status, "{\"error\":{\"message\":\"no\"}}"))) {
            PublishException e = assertThrows(PublishException.class,
                    () -> retry(server, Authorization.NONE).publish(BODY));
            assertEquals(status, e.status());
            assertEquals(1, server.requests.size(), "not tried again");
            assertEquals(List.of(), pacer.pauses);
        }
    }

    @Test
    void anAnswerThatStaysUnavailableEndsBeforeTheTimeoutWithPausesThatDoubleUpToTheirBound() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(503, "{}"))) {
            PublishException e = assertThrows(PublishException.class,
                    () -> retry(server, Authorization.NONE).publish(BODY));
            assertEquals(0, e.status(), "out of time, not refused");
            assertEquals(List.of(50L, 100L, 200L, 400L, 800L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L, 1000L),
                    pacer.pauses);
            assertTrue(pacer.pausedMillis() < TIMEOUT.toMillis());
            assertEquals(pacer.pauses.size() + 1, server.requests.size());
            assertTrue(e.getCause().getMessage().contains("503"), e.getCause().getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsTriedAgainUntilTheTimeout() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PublishRetry retry = new PublishRetry(new RestEndpoint(URI.create("http://127.0.0.1:" + port + PATH),
                Authorization.NONE, "Pub/Sub"), TIMEOUT, pacer);
        PublishException e = assertThrows(PublishException.class, () -> retry.publish(BODY));
        assertEquals(0, e.status());
        assertTrue(e.getCause() instanceof IOException);
        assertEquals(13, pacer.pauses.size());
    }

    @Test
    void anAcceptedAnswerWithoutMessageIdsIsNotTakenForAcceptance() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, "<html>proxy</html>"),
                Reply.of(200, ACCEPTED))) {
            retry(server, Authorization.NONE).publish(BODY);
            assertEquals(2, server.requests.size());
        }
    }

    @Test
    void anAnswerOverTheBoundIsNotReadToItsEnd() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                Reply.of(200, "{\"messageIds\":[\"1\"],\"x\":\"" + "a".repeat(RestEndpoint.MAX_ANSWER_BYTES) + "\"}"),
                Reply.of(200, ACCEPTED))) {
            retry(server, Authorization.NONE).publish(BODY);
            assertEquals(2, server.requests.size(), "the oversized answer counted as no answer");
        }
    }

    @Test
    void theTokenIsSentAndNoFailureNamesIt() throws Exception {
        String token = "Bearer ya29.secret-token";
        try (ScriptedServer server = new ScriptedServer(Reply.of(403, "{\"error\":{\"message\":\"denied\"}}"))) {
            PublishException e = assertThrows(PublishException.class, () -> retry(server, () -> token).publish(BODY));
            assertEquals(token, server.requests.get(0).authorization());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
            assertFalse(e.getMessage().contains("denied"), "the answer's body stays out of the message");
        }
    }

    @Test
    void aStuckAnswerEndsThePublishAtItsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(new Reply(200, ACCEPTED, release, 0))) {
            assertEndsAtTheTimeout(server);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAnswerThatTricklesInEndsThePublishAtItsTimeout() throws Exception {
        // Each byte comes well within the read timeout; the whole answer would take 3 s.
        try (ScriptedServer server = new ScriptedServer(new Reply(200, ACCEPTED, null, 100))) {
            assertEndsAtTheTimeout(server);
        }
    }

    private static void assertEndsAtTheTimeout(ScriptedServer server) {
        try (PublishRetry retry = new PublishRetry(new RestEndpoint(server.uri(PATH), Authorization.NONE, "Pub/Sub"),
                Duration.ofMillis(500), Pacer.SYSTEM)) {
            long t0 = System.nanoTime();
            PublishException e = assertThrows(PublishException.class, () -> retry.publish(BODY));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(0, e.status());
            assertTrue(took >= 450 && took < 1_500, "ended after " + took + " ms");
        }
    }
}
