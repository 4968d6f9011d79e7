package dev.beamplayground.function.getsnippet;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.LoadRun;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.TestBackend;
import dev.beamplayground.visit.VisitBuffer;
import dev.beamplayground.visit.VisitFlush;
import dev.beamplayground.testing.FunctionResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Not part of the build (no Test/IT suffix); run with {@code bench/hot-snippet.sh}. GetSnippet of one hot id at
 * {@code -Dbench.threads=8}: before (each visit committed to the snippet's entity) and after (visits counted in
 * the Redis buffer, a real redis-server), each against the same function answering from the store without
 * counting ({@link UncountedMethods}), on SQLite and the Datastore emulator. Alternating runs of
 * {@code -Dbench.seconds=2}, {@code -Dbench.rounds=3}. Then the buffered visits are flushed and compared with
 * the answered reads: the count must be exact.
 */
class GetSnippetHotIdBench {
    private static final int THREADS = Integer.getInteger("bench.threads", 8);
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "2"));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String ID = "hot_snippet";
    private static final String BODY = "{\"id\":\"" + ID + "\"}";

    @Test
    void run() throws Exception {
        Path dir = Files.createTempDirectory("hot-bench");
        List<String> rows = new ArrayList<>();
        try (DatastoreEmulator emulator = DatastoreEmulator.start(); RedisServer redis = RedisServer.start()) {
            for (TestBackend backend : TestBackend.values()) {
                Map<String, Object> properties = new HashMap<>(backend.properties(emulator, dir));
                properties.put("bench.baseline", "true");
                Map<String, Object> buffered = new HashMap<>(properties);
                buffered.put("redis.uri", redis.uri());
                try (FunctionClient before = FunctionClient.start(properties);
                     FunctionClient after = FunctionClient.start(buffered)) {
                    before.store().saveSnippet(snippet());
                    // The same store (one SQLite file, one Datastore namespace) behind both functions.
                    AtomicLong answered = new AtomicLong();
                    LoadRun.Op counted = op(before, "/api.v1.PlaygroundService/GetSnippet", null);
                    LoadRun.Op bufferedOp = op(after, "/api.v1.PlaygroundService/GetSnippet", answered);
                    LoadRun.Op uncounted = op(before, FunctionClient.SERVICE + "BenchGetSnippetUncounted", null);
                    List<LoadRun.Op> sides = List.of(counted, bufferedOp, uncounted);
                    List<List<LoadRun.Result>> results = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                    for (LoadRun.Op side : sides) {
                        LoadRun.run(THREADS, 0.5, side);
                    }
                    answered.set(0);
                    VisitBuffer buffer = after.context().getBean(VisitBuffer.class);
                    VisitFlush flush = new VisitFlush(buffer, (VisitLedger) after.store(), Clock.systemUTC());
                    flush.run(200, Instant.MAX); // the warm-up's visits
                    long countBefore = after.store().findSnippet(ID).orElseThrow().visitCount();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int k = 0; k < sides.size(); k++) {
                            int side = round % 2 == 0 ? k : sides.size() - 1 - k;
                            results.get(side).add(LoadRun.run(THREADS, SECONDS, sides.get(side)));
                        }
                    }
                    long countedBeforeFlush = after.store().findSnippet(ID).orElseThrow().visitCount();
                    VisitFlush.Report report = flush.run(200, Instant.MAX);
                    long countAfterFlush = after.store().findSnippet(ID).orElseThrow().visitCount();
                    LoadRun.Result b = LoadRun.merge(results.get(0));
                    LoadRun.Result a = LoadRun.merge(results.get(1));
                    LoadRun.Result u = LoadRun.merge(results.get(2));
                    String row = String.format(Locale.ROOT,
                            "| %s | %d | %.0f | %.1f | %.0f | %.1f | %.0f | %.1f | %.2f | %.2f | %d answered, %d added by the flush |",
                            backend.name().toLowerCase(Locale.ROOT), THREADS, b.perSecond(), b.p99(), a.perSecond(),
                            a.p99(), u.perSecond(), u.p99(), b.perSecond() / u.perSecond(), a.perSecond() / u.perSecond(),
                            answered.get(), report.visits());
                    System.out.println("[HotSnippet] " + row + " load " + String.format(Locale.ROOT, "%.1f",
                            LoadRun.loadAverage()) + "; direct counts during the runs " + (countedBeforeFlush - countBefore)
                            + ", visitCount after the flush - before the runs " + (countAfterFlush - countBefore));
                    rows.add(row);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nHot-snippet benchmark: %d threads, %d alternating runs of %.1f s per side,"
                + " load average at the end %.1f%n", THREADS, ROUNDS, SECONDS, LoadRun.loadAverage());
        System.out.println("| backend | threads | before req/s | before p99 ms | after req/s | after p99 ms"
                + " | uncounted req/s | uncounted p99 ms | before / uncounted | after / uncounted | buffered visits |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(r -> System.out.println("[HotSnippet] " + r));
    }

    private static LoadRun.Op op(FunctionClient fn, String path, AtomicLong answered) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        return (thread, seq) -> {
            FunctionResponse response = fn.send("POST", path, body, "application/json");
            if (response.getStatusCode() != 200) {
                throw new AssertionError(path + ": " + response.getStatusCode() + " " + response.getBodyAsText());
            }
            if (answered != null) {
                answered.incrementAndGet();
            }
        };
    }

    private static Snippet snippet() {
        Instant now = Instant.now();
        return new Snippet(ID, Sdk.SDK_JAVA, "", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "", now, now, 0,
                SchemaVersion.CURRENT, List.of(new SnippetFile("Main.java", "class Main { /* hot */ }", true, 0)),
                List.of());
    }
}
