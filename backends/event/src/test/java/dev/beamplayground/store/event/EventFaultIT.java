package dev.beamplayground.store.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.RedisServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * redis-server SIGKILLed while four instances save under one persistence key, save others and count
 * visits, then restarted from its append-only file: the view and its indexes still agree with a replay
 * of the log, and the key keeps exactly one snippet.
 */
class EventFaultIT {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private static Snippet snippet(String id, String persistenceKey, int files) {
        List<SnippetFile> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            list.add(new SnippetFile("F" + i + ".py", "print(" + i + ") # " + id, i == 0, 0));
        }
        return new Snippet(id, Sdk.SDK_PYTHON, "", Complexity.COMPLEXITY_BASIC, persistenceKey, Origin.TB_USER, "", T0, T0,
                0, SchemaVersion.CURRENT, list, List.of());
    }

    @Test
    void aCrashDuringWritesAndVisitsLeavesTheViewAgreeingWithTheLog() throws Exception {
        String stream = "fault";
        try (RedisServer redis = RedisServer.startDurable()) {
            List<PlaygroundStore> instances = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                instances.add(EventTestSupport.open(redis, stream));
            }
            instances.get(0).saveSnippet(snippet("visited", "", 1));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger done = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                PlaygroundStore store = instances.get(w);
                int worker = w;
                workers.add(pool.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        try {
                            store.saveSnippet(snippet("k" + worker + "-" + n, "one-key", 1 + n % 3));
                            store.saveSnippet(snippet("o" + worker + "-" + n, "", 1 + n % 2));
                            store.visitSnippet("visited", T0.plusSeconds(n));
                            done.incrementAndGet();
                        } catch (UnavailableException e) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            await(() -> done.get() >= 40, "40 rounds of writes before the crash");
            redis.stop();
            await(() -> refused.get() >= 4, "writes refused while Redis is down");
            redis.restart();
            int after = done.get();
            await(() -> done.get() >= after + 40, "40 rounds of writes after the restart");
            stop.set(true);
            for (Future<?> f : workers) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            instances.forEach(PlaygroundStore::close);

            EventTestSupport.assertViewMatchesLog(redis, stream);
            try (PlaygroundStore fresh = EventTestSupport.open(redis, stream)) {
                assertEquals(1, fresh.snippetIdsByPersistenceKey("one-key").size());
                assertTrue(fresh.findSnippet("visited").orElseThrow().visitCount() >= 80);
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
