package dev.beamplayground.redis.memorystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.redis.v1.Instance;
import com.google.cloud.redis.v1.TlsCertificate;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemorystoreResolverTest {
    static final String NAME = "projects/my-project/locations/europe-west1/instances/playground";

    private final FakeCloudRedis admin = new FakeCloudRedis();

    @AfterEach
    void stop() throws InterruptedException {
        admin.close();
    }

    static Instance tlsInstance(String host, int port, String caPem) {
        return Instance.newBuilder()
                .setState(Instance.State.READY)
                .setHost(host)
                .setPort(port)
                .setAuthEnabled(true)
                .setTransitEncryptionMode(Instance.TransitEncryptionMode.SERVER_AUTHENTICATION)
                .addServerCaCerts(TlsCertificate.newBuilder().setSerialNumber("1").setCert(caPem))
                .build();
    }

    @Test
    void resolvesHostPortTlsAndCaFromTheAdminApi() {
        admin.answer(tlsInstance("10.1.2.3", 6378, "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----"));
        MemorystoreResolver resolver = new MemorystoreResolver(NAME, admin::client);

        MemorystoreEndpoint endpoint = resolver.endpoint();

        assertEquals(new MemorystoreEndpoint("10.1.2.3", 6378, true,
                "-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----", true), endpoint);
        assertEquals(List.of(NAME), admin.requests());
    }

    @Test
    void plainInstanceWithoutAuth() {
        admin.answer(Instance.newBuilder().setState(Instance.State.READY).setHost("10.0.0.9").setPort(6379)
                .setTransitEncryptionMode(Instance.TransitEncryptionMode.DISABLED).build());

        MemorystoreEndpoint endpoint = new MemorystoreResolver(NAME, admin::client).endpoint();

        assertFalse(endpoint.tls());
        assertFalse(endpoint.authEnabled());
        assertEquals("", endpoint.serverCaPem());
        assertEquals(6379, endpoint.port());
    }

    @Test
    void looksUpOnceForManyConcurrentCallers() throws Exception {
        admin.answer(tlsInstance("10.1.2.3", 6378, "CA"));
        MemorystoreResolver resolver = new MemorystoreResolver(NAME, admin::client);
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
        assertEquals(1, admin.requests().size());
    }

    @Test
    void makesNoCallBeforeFirstUse() {
        admin.answer(tlsInstance("10.1.2.3", 6378, "CA"));
        new MemorystoreResolver(NAME, admin::client);
        assertEquals(List.of(), admin.requests());
    }

    @Test
    void aFailedLookupIsReportedAndNotKept() {
        admin.fail(Status.PERMISSION_DENIED.withDescription("redis.instances.get denied"));
        MemorystoreResolver resolver = new MemorystoreResolver(NAME, admin::client);

        MemorystoreException e = assertThrows(MemorystoreException.class, resolver::endpoint);
        assertTrue(e.getMessage().contains("PERMISSION_DENIED"), e.getMessage());
        assertTrue(e.getMessage().contains(NAME), e.getMessage());

        admin.answer(tlsInstance("10.1.2.3", 6378, "CA"));
        assertEquals("10.1.2.3", resolver.endpoint().host());
        assertEquals(2, admin.requests().size());
    }

    @Test
    void refusesAnInstanceThatIsNotServing() {
        admin.answer(Instance.newBuilder().setState(Instance.State.CREATING).build());
        MemorystoreException e = assertThrows(MemorystoreException.class,
                () -> new MemorystoreResolver(NAME, admin::client).endpoint());
        assertTrue(e.getMessage().contains("CREATING"), e.getMessage());
    }

    @Test
    void refusesTlsWithoutCa() {
        admin.answer(Instance.newBuilder().setState(Instance.State.READY).setHost("10.0.0.1").setPort(6378)
                .setTransitEncryptionMode(Instance.TransitEncryptionMode.SERVER_AUTHENTICATION).build());
        assertThrows(MemorystoreException.class, () -> new MemorystoreResolver(NAME, admin::client).endpoint());
    }

    @Test
    void rejectsWhatIsNotAnInstanceName() {
        for (String bad : new String[] {"", "playground", "projects/p/locations/r/instances/",
                "projects/p/locations/r/instances/i/extra", "projects/p/locations/r/instances/I\nx"}) {
            assertThrows(IllegalArgumentException.class, () -> new MemorystoreResolver(bad, admin::client), bad);
        }
    }
}
