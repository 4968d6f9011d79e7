package dev.beamplayground.function.getsnippet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.TestBackend;
import dev.beamplayground.visit.VisitBuffer;
import dev.beamplayground.visit.VisitFlush;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GetSnippet with the Redis visit buffer (a real redis-server) on SQLite and the Datastore emulator: reads of one
 * snippet write nothing to it; the flush adds every visit, exactly once, also when it is killed half way and
 * run again.
 */
@ExtendWith(DatastoreEmulatorExtension.class)
class GetSnippetVisitBufferIT {
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant NO_DEADLINE = Instant.parse("2100-01-01T00:00:00Z");
    private static RedisServer redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private FunctionClient start(TestBackend backend, DatastoreEmulator emulator) {
        redis.flushAll();
        Map<String, Object> properties = new HashMap<>(backend.properties(emulator, dir));
        properties.put("redis.uri", redis.uri());
        return FunctionClient.start(properties);
    }

    private static Snippet stored(String id) {
        return new Snippet(id, Sdk.SDK_PYTHON, "", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "", CREATED,
                CREATED, 0, SchemaVersion.CURRENT, List.of(new SnippetFile("main.py", "print(1)", true, 0)), List.of());
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void aThousandConcurrentReadsOfOneSnippetAreAllCountedAfterAFlush(TestBackend backend, DatastoreEmulator emulator)
            throws Exception {
        try (FunctionClient fn = start(backend, emulator)) {
            fn.store().saveSnippet(stored("viral_1"));
            ExecutorService pool = Executors.newFixedThreadPool(32);
            AtomicInteger ok = new AtomicInteger();
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    calls.add(pool.submit(() -> {
                        if (fn.call("GetSnippet", "{\"id\":\"viral_1\"}").getStatusCode() == 200) {
                            ok.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1000, ok.get());
            assertEquals(0, fn.store().findSnippet("viral_1").orElseThrow().visitCount(),
                    "the reads wrote nothing to the snippet");

            VisitFlush.Report report = flush(fn, (VisitLedger) fn.store(), 200);
            assertEquals(new VisitFlush.Report(1, 1, 1000, 1, 0, true), report);
            Snippet after = fn.store().findSnippet("viral_1").orElseThrow();
            assertEquals(1000, after.visitCount(), "no visit dropped");
            assertTrue(after.lastVisited().isAfter(Instant.now().minus(10, ChronoUnit.MINUTES)));
            assertEquals(new VisitFlush.Report(0, 0, 0, 0, 0, true), flush(fn, (VisitLedger) fn.store(), 200),
                    "a second flush finds nothing");
            assertEquals(1000, fn.store().findSnippet("viral_1").orElseThrow().visitCount());
        }
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void aFlushKilledHalfWayAndRunAgainCountsEachVisitOnce(TestBackend backend, DatastoreEmulator emulator) {
        try (FunctionClient fn = start(backend, emulator)) {
            VisitBuffer buffer = fn.context().getBean(VisitBuffer.class);
            Map<String, Integer> expected = new HashMap<>();
            for (int s = 0; s < 25; s++) {
                String id = "s" + (char) ('a' + s);
                fn.store().saveSnippet(stored(id));
                for (int v = 0; v <= s % 4; v++) {
                    buffer.record(id, Instant.now());
                    expected.merge(id, 1, Integer::sum);
                }
            }
            buffer.record("deleted_meanwhile", Instant.now()); // no such snippet: skipped
            VisitLedger ledger = (VisitLedger) fn.store();
            // 26 ids in chunks of 4: 7 chunks; the process dies right after the third chunk's commit.
            AtomicInteger commits = new AtomicInteger();
            VisitLedger dying = new VisitLedger() {
                @Override
                public boolean addVisits(String mark, Map<String, Visits> visits, Instant now) {
                    boolean added = ledger.addVisits(mark, visits, now);
                    if (commits.incrementAndGet() == 3) {
                        throw new IllegalStateException("killed");
                    }
                    return added;
                }

                @Override
                public int forgetVisitMarks(Instant before) {
                    return ledger.forgetVisitMarks(before);
                }
            };
            assertThrows(IllegalStateException.class, () -> flush(fn, dying, 4));
            // Visits go on meanwhile: they wait for the next batch.
            buffer.record("sa", Instant.now());
            assertTrue(buffer.withPendingVisits(List.of("sb", "sa", "zz")).containsAll(List.of("sa", "sb")));
            assertFalse(buffer.withPendingVisits(List.of("zz")).contains("zz"));

            // Run again with another chunk size: the batch keeps the one it was claimed with.
            VisitFlush.Report resumed = flush(fn, ledger, 100);
            assertEquals(new VisitFlush.Report(1, 26, 62, 4, 3, true), resumed);
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                assertEquals(e.getValue().longValue(), fn.store().findSnippet(e.getKey()).orElseThrow().visitCount(),
                        e.getKey());
            }
            assertEquals(new VisitFlush.Report(2, 1, 1, 1, 0, true), flush(fn, ledger, 100));
            assertEquals(expected.get("sa") + 1L, fn.store().findSnippet("sa").orElseThrow().visitCount());
            assertTrue(buffer.withPendingVisits(List.of("sa", "sb")).isEmpty());
        }
    }

    private static VisitFlush.Report flush(FunctionClient fn, VisitLedger ledger, int chunk) {
        return new VisitFlush(fn.context().getBean(VisitBuffer.class), ledger, Clock.systemUTC()).run(chunk, NO_DEADLINE);
    }
}
