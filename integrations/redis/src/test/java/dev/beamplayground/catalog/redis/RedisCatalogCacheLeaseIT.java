package dev.beamplayground.catalog.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.catalog.CatalogCache;
import dev.beamplayground.catalog.CatalogCache.Probe;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog version lease on a real redis-server: a reader reuses a version read for its lease only, and a
 * writer publishes only after its loading mark has been held that long, so no probe that starts after a load
 * completed sees the version before it. Reader and writer are separate contexts, as they are separate instances.
 */
@ExtendWith(RedisServerExtension.class)
class RedisCatalogCacheLeaseIT {
    private static final String VERSION = "CATALOG_VERSION";

    @TempDir
    Path dir;

    private RedisServer redis;
    private final List<ApplicationContext> contexts = new ArrayList<>();

    @BeforeEach
    void start(RedisServer redis) {
        this.redis = redis;
        redis.flushAll();
    }

    @AfterEach
    void stop() {
        contexts.forEach(ApplicationContext::close);
    }

    private CatalogCache cache(String lease) {
        ApplicationContext context = ApplicationContext.run(Map.of(
                "backend.module", "sqlite",
                "backend.path", dir.resolve("catalog-" + contexts.size() + ".db").toString(),
                "redis.uri", redis.uri(),
                "catalog.version-lease", lease));
        contexts.add(context);
        return context.getBean(CatalogCache.class);
    }

    @Test
    void noProbeStartedAfterALoadCompletedSeesTheVersionBefore() throws Exception {
        CatalogCache reader = cache("1s");
        CatalogCache loader = cache("1s");
        loader.beginLoad();
        loader.publish(1);
        assertEquals(Probe.published(1), reader.probe()); // the reader now holds a lease on version 1

        record Seen(long startedAt, Probe probe) {
        }
        List<Seen> seen = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread probing = new Thread(() -> {
            while (!done.get()) {
                long startedAt = System.nanoTime();
                Probe probe = reader.probe();
                synchronized (seen) {
                    seen.add(new Seen(startedAt, probe));
                }
            }
        });
        probing.start();
        long begun = System.nanoTime();
        loader.beginLoad();
        loader.publish(2);
        long completed = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(300); // keep probing after the load completed
        done.set(true);
        probing.join(10_000);

        assertTrue(completed - begun >= TimeUnit.SECONDS.toNanos(1),
                "the load must hold its mark for the lease, took " + (completed - begun) / 1_000_000 + " ms");
        long after;
        synchronized (seen) {
            after = seen.stream().filter(s -> s.startedAt() > completed).count();
            for (Seen s : seen) {
                if (s.startedAt() > completed) {
                    assertEquals(Probe.published(2), s.probe(), "a probe that started after the load completed");
                }
            }
            assertTrue(seen.stream().anyMatch(s -> s.probe().equals(Probe.published(1))),
                    "the lease on version 1 was used during the load");
        }
        assertTrue(after > 0, "some probes started after the load completed");
        assertEquals("2:1000", redis.command("GET", VERSION));
    }

    @Test
    void aVersionReadIsReusedForItsLeaseOnly() throws Exception {
        CatalogCache reader = cache("300ms");
        redis.command("SET", VERSION, "5:300");
        long t0 = System.nanoTime();
        assertEquals(Probe.published(5), reader.probe());
        // Changed behind the protocol's back: only a new read can see it, and none is made within the lease.
        redis.command("SET", VERSION, "6:300");
        assertEquals(Probe.published(5), reader.probe());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Probe probe;
        do {
            probe = reader.probe();
        } while (!probe.equals(Probe.published(6)) && System.nanoTime() < deadline);
        assertEquals(Probe.published(6), probe, "read again once the lease ran out");
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void redisEmptiedDuringALoadMarksItAgain() {
        CatalogCache loader = cache("400ms");
        loader.beginLoad();
        redis.flushAll(); // Memorystore restarted mid-load: a reader may have claimed an old version meanwhile
        redis.command("SET", VERSION, "1:400");
        long t0 = System.nanoTime();
        loader.publish(2);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(400), "waited a whole lease again");
        assertEquals("2:400", redis.command("GET", VERSION));
    }

    @Test
    void valuesOfOlderReleasesGrantNoLease() {
        CatalogCache reader = cache("1s");
        redis.command("SET", VERSION, "7");
        assertEquals(Probe.published(7), reader.probe());
        redis.command("SET", VERSION, "8");
        assertEquals(Probe.published(8), reader.probe(), "no lease: read every time");
        redis.command("SET", VERSION, "loading");
        assertEquals(Probe.LOADING, reader.probe());
    }

    @Test
    void theSyncPublishesOnlyOverItsOwnMark() throws Exception {
        CatalogCache sync = cache("500ms");
        CatalogCache loader = cache("500ms");
        redis.command("SET", VERSION, "3:500");
        Thread racing = new Thread(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loader.beginLoad(); // a load begins while the sync waits out its mark
        });
        racing.start();
        assertFalse(sync.publishIfUnchanged(Probe.published(3), 4));
        racing.join(5_000);
        assertTrue(redis.command("GET", VERSION).startsWith("loading:"), "the load's mark stays");
        assertFalse(sync.publishIfUnchanged(Probe.published(3), 4), "not the version seen any more");
    }

    @Test
    void noLeaseMeansNoWait() {
        CatalogCache loader = cache("0s");
        loader.beginLoad();
        long t0 = System.nanoTime();
        loader.publish(9);
        assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(500));
        assertEquals("9", redis.command("GET", VERSION));
    }
}
