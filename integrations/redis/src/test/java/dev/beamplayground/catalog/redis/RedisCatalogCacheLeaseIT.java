package dev.beamplayground.catalog.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.catalog.CatalogCache;
import dev.beamplayground.catalog.CatalogCache.Probe;
import dev.beamplayground.config.CatalogConfiguration;
import dev.beamplayground.redis.RedisConnections;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import dev.beamplayground.time.Pacer;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog version lease on a real redis-server: a reader reuses a version read for its lease only, and a
 * writer publishes only after its loading mark has been held that long, so no probe that starts after a load
 * completed sees the version before it. Reader and writer are separate contexts, as they are separate instances.
 * Where a test needs an order of events it gets it from the cache's {@link Pacer} (its clock and its pauses), not
 * from sleeping.
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
        return context(lease).getBean(CatalogCache.class);
    }

    /** A cache on a context of its own whose waits go through {@code pacer}. */
    private CatalogCache cache(String lease, Pacer pacer) {
        ApplicationContext context = context(lease);
        RedisConnections connections = context.getBean(RedisConnections.class);
        return new RedisCatalogCache(() -> connections, context.getBean(CatalogConfiguration.class), pacer);
    }

    private ApplicationContext context(String lease) {
        ApplicationContext context = ApplicationContext.run(Map.of(
                "backend.module", "sqlite",
                "backend.path", dir.resolve("catalog-" + contexts.size() + ".db").toString(),
                "redis.uri", redis.uri(),
                "catalog.version-lease", lease));
        contexts.add(context);
        return context;
    }

    /** The system's clock; pauses are counted and run {@code onPause} (given the pause's number) instead of waiting. */
    private static Pacer counting(AtomicInteger pauses, java.util.function.IntConsumer onPause) {
        return new Pacer() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void pause(long millis) {
                onPause.accept(pauses.incrementAndGet());
            }
        };
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
    void aVersionReadIsReusedForItsLeaseOnly() {
        AtomicLong now = new AtomicLong();
        CatalogCache reader = cache("300ms", new Pacer() {
            @Override
            public long nanoTime() {
                return now.get();
            }

            @Override
            public void pause(long millis) {
                throw new AssertionError("a reader does not pause");
            }
        });
        redis.command("SET", VERSION, "5:300");
        assertEquals(Probe.published(5), reader.probe());
        // Changed behind the protocol's back: only a new read can see it, and none is made within the lease.
        redis.command("SET", VERSION, "6:300");
        assertEquals(Probe.published(5), reader.probe());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(299));
        assertEquals(Probe.published(5), reader.probe(), "the lease still runs");
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertEquals(Probe.published(6), reader.probe(), "read again once the lease ran out");
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
    void theSyncPublishesOnlyOverItsOwnMark() {
        CatalogCache loader = cache("500ms");
        AtomicInteger pauses = new AtomicInteger();
        // A load begins while the sync waits out its mark (in the sync's first pause, which waits no longer).
        CatalogCache sync = cache("500ms", counting(pauses, n -> {
            if (n == 1) {
                loader.beginLoad();
            }
        }));
        redis.command("SET", VERSION, "3:500");
        assertFalse(sync.publishIfUnchanged(Probe.published(3), 4));
        assertEquals(1, pauses.get(), "gave up as soon as its mark was replaced");
        assertTrue(redis.command("GET", VERSION).startsWith("loading:"), "the load's mark stays");
        assertFalse(sync.publishIfUnchanged(Probe.published(3), 4), "not the version seen any more");
        assertEquals(1, pauses.get());
    }

    @Test
    void noLeaseMeansNoWait() {
        AtomicInteger pauses = new AtomicInteger();
        CatalogCache loader = cache("0s", counting(pauses, n -> {
        }));
        loader.beginLoad();
        loader.publish(9);
        assertEquals(0, pauses.get(), "published without waiting");
        assertEquals("9", redis.command("GET", VERSION));
    }
}
