package dev.beamplayground.redis.memorystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.RestEndpoint;
import dev.beamplayground.googlerest.ScriptedServer;
import dev.beamplayground.googlerest.ScriptedServer.Reply;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lookup against a scripted admin API: what it asks, what it makes of the answers, and its bounds. */
class MemorystoreResolverTest {
    static final String NAME = "projects/my-project/locations/europe-west1/instances/playground";
    static final String PATH = "/v1/" + NAME;
    static final String TOKEN = "Bearer ya29.test-token";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String CA = "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----";

    /** An instance's JSON as the admin API writes it: READY, AUTH, TLS with one CA certificate. */
    static JsonObject tlsInstance(String host, int port, String caPem) {
        JsonObject cert = new JsonObject();
        cert.addProperty("serialNumber", "1");
        cert.addProperty("cert", caPem);
        JsonArray certs = new JsonArray();
        certs.add(cert);
        JsonObject instance = new JsonObject();
        instance.addProperty("name", NAME);
        instance.addProperty("state", "READY");
        instance.addProperty("host", host);
        instance.addProperty("port", port);
        instance.addProperty("authEnabled", true);
        instance.addProperty("transitEncryptionMode", "SERVER_AUTHENTICATION");
        instance.add("serverCaCerts", certs);
        return instance;
    }

    static Reply answer(JsonObject instance) {
        return Reply.of(200, instance.toString());
    }

    private static MemorystoreResolver resolver(ScriptedServer admin) {
        return resolver(admin, TIMEOUT);
    }

    private static MemorystoreResolver resolver(ScriptedServer admin, Duration timeout) {
        return new MemorystoreResolver(NAME, admin.uri("/"), () -> TOKEN, timeout);
    }

    private static List<String> paths(ScriptedServer admin) {
        return admin.requests.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    @Test
    void resolvesHostPortTlsAndCaFromTheAdminApi() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(answer(tlsInstance("10.1.2.3", 6378, CA)))) {
            MemorystoreEndpoint endpoint = resolver(admin).endpoint();

            assertEquals(new MemorystoreEndpoint("10.1.2.3", 6378, true, CA, true), endpoint);
            assertEquals(List.of("GET " + PATH), paths(admin));
        }
    }

    @Test
    void theLookupCarriesTheToken() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(answer(tlsInstance("10.1.2.3", 6378, CA)))) {
            resolver(admin).endpoint();
            assertEquals(TOKEN, admin.requests.get(0).authorization());
        }
    }

    @Test
    void plainInstanceWithoutAuth() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(200,
                "{\"state\":\"READY\",\"host\":\"10.0.0.9\",\"port\":6379,\"transitEncryptionMode\":\"DISABLED\"}"))) {
            MemorystoreEndpoint endpoint = resolver(admin).endpoint();

            assertFalse(endpoint.tls());
            assertFalse(endpoint.authEnabled());
            assertEquals("", endpoint.serverCaPem());
            assertEquals(6379, endpoint.port());
        }
    }

    @Test
    void looksUpOnceForManyConcurrentCallers() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(answer(tlsInstance("10.1.2.3", 6378, "CA")))) {
            MemorystoreResolver resolver = resolver(admin);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<MemorystoreEndpoint>> calls = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    calls.add(resolver::endpoint);
                }
                List<Future<MemorystoreEndpoint>> results = pool.invokeAll(calls);
                MemorystoreEndpoint first = results.get(0).get();
                for (Future<MemorystoreEndpoint> result : results) {
                    assertSame(first, result.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, admin.requests.size());
        }
    }

    @Test
    void makesNoCallBeforeFirstUse() throws Exception {
        AtomicInteger tokens = new AtomicInteger();
        try (ScriptedServer admin = new ScriptedServer(answer(tlsInstance("10.1.2.3", 6378, "CA")))) {
            new MemorystoreResolver(NAME, admin.uri("/"), () -> "Bearer " + tokens.incrementAndGet(), TIMEOUT);
            assertEquals(List.of(), admin.requests);
            assertEquals(0, tokens.get(), "no credentials read before the first use");
        }
    }

    @Test
    void aFailedLookupIsReportedAndNotKept() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(
                Reply.of(403, "{\"error\":{\"code\":403,\"message\":\"Permission 'redis.instances.get' denied\","
                        + "\"status\":\"PERMISSION_DENIED\"}}"),
                answer(tlsInstance("10.1.2.3", 6378, "CA")))) {
            MemorystoreResolver resolver = resolver(admin);

            MemorystoreException e = assertThrows(MemorystoreException.class, resolver::endpoint);
            assertEquals("Memorystore admin API could not describe " + NAME
                    + ": HTTP 403 PERMISSION_DENIED: Permission 'redis.instances.get' denied", e.getMessage());
            assertFalse(e.getMessage().contains("test-token"), e.getMessage());

            assertEquals("10.1.2.3", resolver.endpoint().host());
            assertEquals(2, admin.requests.size());
        }
    }

    @Test
    void aMissingInstanceIsReportedWithItsStatusAndMessage() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(404, "{\"error\":{\"code\":404,"
                + "\"message\":\"Resource '" + NAME + "' was not found\",\"status\":\"NOT_FOUND\"}}"))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertEquals("Memorystore admin API could not describe " + NAME + ": HTTP 404 NOT_FOUND: Resource '"
                    + NAME + "' was not found", e.getMessage());
        }
    }

    @Test
    void aRefusalWithoutAnErrorBodyIsReportedByItsStatusAlone() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(502, "<html>Bad Gateway</html>"))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertEquals("Memorystore admin API could not describe " + NAME + ": HTTP 502", e.getMessage());
        }
    }

    @Test
    void anErrorMessageIsCutAndKeptOnOneLine() throws Exception {
        String message = "denied\r\n" + "x".repeat(10_000);
        try (ScriptedServer admin = new ScriptedServer(Reply.of(403,
                "{\"error\":{\"message\":\"" + message.replace("\r\n", "\\r\\n") + "\",\"status\":\"PERMISSION_DENIED\"}}"))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertTrue(e.getMessage().contains("HTTP 403 PERMISSION_DENIED: denied  xxx"), e.getMessage());
            assertTrue(e.getMessage().length() < NAME.length() + 300, "cut to " + e.getMessage().length());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsAClearFailure() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(200, "<html>proxy login</html>"))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertEquals("Memorystore admin API's answer for " + NAME + " is not an instance: not JSON",
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"READY\"", "{} {}", "{state:'READY'}", "{\"state\":5}", "{\"state\":\"READY\n\"}",
            "{\"state\":\"READY\",\"host\":{\"ip\":\"10.0.0.1\"},\"port\":6379}",
            "{\"state\":\"READY\",\"host\":\"10.0.0.1\",\"port\":\"six\"}",
            "{\"state\":\"READY\",\"host\":\"10.0.0.1\",\"port\":70000}",
            "{\"state\":\"READY\",\"host\":\"10.0.0.1\",\"port\":6379.5}",
            "{\"state\":\"READY\",\"host\":\"10.0.0.1\",\"port\":6379,\"authEnabled\":\"yes\"}",
            "{\"state\":\"READY\",\"host\":\"10.0.0.1\",\"port\":6379,\"serverCaCerts\":\"PEM\"}",
            "{\"state\":\"READY\",\"host\":\"10.0.0.1\",\"port\":6379,\"serverCaCerts\":[\"PEM\"]}",
            "{\"state\":\"READY\",\"host\":\"10.0.0.1\",\"port\":6379,\"serverCaCerts\":[{\"cert\":[]}]}"})
    void anAnswerOfAnotherShapeIsAClearFailure(String body) throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(200, body))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertTrue(e.getMessage().startsWith("Memorystore admin API's answer for " + NAME + " is not an instance: "),
                    e.getMessage());
        }
    }

    @Test
    void anAnswerOverTheBoundIsAClearFailure() throws Exception {
        JsonObject padded = tlsInstance("10.1.2.3", 6378, CA);
        padded.addProperty("displayName", "a".repeat(RestEndpoint.MAX_ANSWER_BYTES));
        try (ScriptedServer admin = new ScriptedServer(answer(padded))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertEquals("Memorystore admin API could not describe " + NAME
                    + ": Memorystore admin API's answer (HTTP 200) is over 65536 bytes", e.getMessage());
        }
    }

    @Test
    void aStuckAnswerEndsTheLookupAtItsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedServer admin = new ScriptedServer(
                new Reply(200, tlsInstance("10.1.2.3", 6378, CA).toString(), release, 0))) {
            assertEndsAtTheTimeout(admin);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAnswerThatTricklesInEndsTheLookupAtItsTimeout() throws Exception {
        // Each byte comes well within the read timeout; the whole answer would take far longer.
        try (ScriptedServer admin = new ScriptedServer(
                new Reply(200, tlsInstance("10.1.2.3", 6378, CA).toString(), null, 100))) {
            assertEndsAtTheTimeout(admin);
        }
    }

    private static void assertEndsAtTheTimeout(ScriptedServer admin) {
        MemorystoreResolver resolver = resolver(admin, Duration.ofMillis(500));
        long t0 = System.nanoTime();
        MemorystoreException e = assertThrows(MemorystoreException.class, resolver::endpoint);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(took >= 450 && took < 1_500, "ended after " + took + " ms");
        assertTrue(e.getMessage().startsWith("Memorystore admin API could not describe " + NAME + ": "),
                e.getMessage());
    }

    @Test
    void noTokenIsAFailureTheNextUseRetries() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Authorization flaky = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("the metadata server did not answer");
            }
            return TOKEN;
        };
        try (ScriptedServer admin = new ScriptedServer(answer(tlsInstance("10.1.2.3", 6378, "CA")))) {
            MemorystoreResolver resolver = new MemorystoreResolver(NAME, admin.uri("/"), flaky, TIMEOUT);
            MemorystoreException e = assertThrows(MemorystoreException.class, resolver::endpoint);
            assertTrue(e.getMessage().endsWith(": the metadata server did not answer"), e.getMessage());
            assertEquals(0, admin.requests.size());
            assertEquals("10.1.2.3", resolver.endpoint().host());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATING", "MAINTENANCE"})
    void anInstanceBeingUpdatedOrMaintainedStillServes(String state) throws Exception {
        JsonObject instance = tlsInstance("10.1.2.3", 6378, "CA");
        instance.addProperty("state", state);
        try (ScriptedServer admin = new ScriptedServer(answer(instance))) {
            assertEquals("10.1.2.3", resolver(admin).endpoint().host());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"state\":\"CREATING\"}", "{\"state\":\"REPAIRING\",\"host\":\"10.0.0.1\",\"port\":6379}"})
    void refusesAnInstanceThatIsNotServing(String body) throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(200, body))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            String state = body.substring(10, body.indexOf('"', 10));
            assertEquals("Memorystore instance " + NAME + " is " + state + ", not serving", e.getMessage());
        }
    }

    @Test
    void anInstanceWithoutAStateIsNotServing() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(200, "{\"host\":\"10.0.0.1\",\"port\":6379}"))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertTrue(e.getMessage().contains("is STATE_UNSPECIFIED, not serving"), e.getMessage());
        }
    }

    @Test
    void refusesAnInstanceWithoutEndpoint() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(200, "{\"state\":\"READY\",\"port\":6379}"))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertEquals("Memorystore instance " + NAME + " has no endpoint yet", e.getMessage());
        }
    }

    @Test
    void refusesTlsWithoutCa() throws Exception {
        try (ScriptedServer admin = new ScriptedServer(Reply.of(200, "{\"state\":\"READY\",\"host\":\"10.0.0.1\","
                + "\"port\":6378,\"transitEncryptionMode\":\"SERVER_AUTHENTICATION\",\"serverCaCerts\":[{\"cert\":\" \"}]}"))) {
            MemorystoreException e = assertThrows(MemorystoreException.class, () -> resolver(admin).endpoint());
            assertTrue(e.getMessage().contains("requires TLS but its admin API answer has no server CA certificate"),
                    e.getMessage());
        }
    }

    @Test
    void rejectsWhatIsNotAnInstanceName() {
        for (String bad : new String[] {"", "playground", "projects/p/locations/r/instances/",
                "projects/p/locations/r/instances/i/extra", "projects/p/locations/r/instances/I\nx"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new MemorystoreResolver(bad, URI.create("http://127.0.0.1:1"), () -> TOKEN, TIMEOUT), bad);
        }
    }
}
