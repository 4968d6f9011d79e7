package dev.beamplayground.testing;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.FunctionResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The save-snippet and get-snippet benchmarks' common run: for each backend (SQLite, the Datastore emulator), each
 * {@link Variant} is measured three ways in the same run, with 1 and 4 caller threads — the function as Cloud
 * Functions runs it ({@link FunctionClient}: routing, Connect codec, service, store), the store call alone, and
 * the same function answering a constant (the real answer, captured once) right after the same Connect parse (a
 * test-only {@code Bench<Method>} baseline of the module, reading {@link #baselineAnswer()}) — and the store
 * calls one request makes are counted on a second instance: real RPCs through a {@link CountingProxy} in front
 * of the emulator, SQL statements through a {@link SqlStatementCounter}. Each figure is {@code -Dbench.rounds=3}
 * runs of {@code -Dbench.seconds=1}, the three sides alternating; {@code -Dbench.threads=1,4}.
 */
public final class SnippetBench {
    static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "1"));
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    static final double WARM_UP_SECONDS = Double.parseDouble(System.getProperty("bench.warmup", "0.5"));
    static final List<Integer> THREADS = List.of(System.getProperty("bench.threads", "1,4").split(",")).stream()
            .map(String::trim).map(Integer::valueOf).toList();
    static final int COUNTED_REQUESTS = 20;

    private static volatile byte[] baselineAnswer;

    /** One kind of request. */
    public interface Variant {
        String name();

        /** Stores what the requests need (called once per function instance). */
        default void prepare(PlaygroundStore store) {
        }

        /** The request body of call {@code seq} by caller {@code thread}. */
        String request(int thread, long seq);

        /** The store call that request makes, made directly. */
        void storeCall(PlaygroundStore store, int thread, long seq);

        /** The HTTP status the function answers with. */
        default int status() {
            return 200;
        }
    }

    private SnippetBench() {
    }

    /** The answer the module's baseline controller gives; null means "answer not_found". */
    public static byte[] baselineAnswer() {
        return baselineAnswer;
    }

    /** Measures {@code variants} of {@code method} on both backends and prints one table. */
    public static void run(String method, List<Variant> variants) throws Exception {
        Path dir = Files.createTempDirectory("snippet-bench");
        List<String> rows = new ArrayList<>();
        try (DatastoreEmulator emulator = DatastoreEmulator.start(); CountingProxy proxy = CountingProxy.to(emulator.host())) {
            for (TestBackend backend : TestBackend.values()) {
                Map<String, Object> timed = new HashMap<>(backend.properties(emulator, dir));
                timed.put("bench.baseline", "true");
                Map<String, Object> counted = new HashMap<>(backend.properties(emulator, dir));
                if (backend == TestBackend.DATASTORE) {
                    counted.put("backend.emulator-host", proxy.host());
                }
                try (FunctionClient fn = FunctionClient.start(timed); FunctionClient countedFn = FunctionClient.start(counted)) {
                    SqlStatementCounter sql = backend == TestBackend.SQLITE ? SqlStatementCounter.install(countedFn.store()) : null;
                    for (Variant variant : variants) {
                        variant.prepare(fn.store());
                        variant.prepare(countedFn.store());
                        FunctionResponse first = expect(fn.call(method, variant.request(0, -1)), variant);
                        baselineAnswer = variant.status() == 200 ? first.getBodyAsText().getBytes(StandardCharsets.UTF_8) : null;

                        expect(countedFn.call(method, variant.request(0, -2)), variant);
                        proxy.reset();
                        if (sql != null) {
                            sql.reset();
                        }
                        for (int k = 0; k < COUNTED_REQUESTS; k++) {
                            expect(countedFn.call(method, variant.request(0, -3 - k)), variant);
                        }
                        String calls = perRequest(sql != null ? sql.byKeyword() : proxy.byMethod(), COUNTED_REQUESTS);
                        int most = THREADS.stream().mapToInt(Integer::intValue).max().orElse(1);
                        if (most > 1) {
                            // Concurrent requests may conflict and retry: count them too.
                            proxy.reset();
                            if (sql != null) {
                                sql.reset();
                            }
                            int n = LoadRun.run(most, SECONDS, (t, seq) -> expect(countedFn.call(method,
                                    variant.request(t, seq)), variant)).sortedNanos().length;
                            calls += "; " + most + " threads: " + perRequest(sql != null ? sql.byKeyword() : proxy.byMethod(), n);
                        }

                        LoadRun.Op function = (t, seq) -> expect(fn.call(method, variant.request(t, seq)), variant);
                        LoadRun.Op store = (t, seq) -> variant.storeCall(fn.store(), t, seq);
                        LoadRun.Op constant = (t, seq) -> expect(fn.send("POST", FunctionClient.SERVICE + "Bench" + method,
                                variant.request(t, seq).getBytes(StandardCharsets.UTF_8), "application/json"), variant);
                        for (int threads : THREADS) {
                            List<LoadRun.Op> sides = List.of(function, store, constant);
                            List<List<LoadRun.Result>> results = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                            for (LoadRun.Op side : sides) {
                                LoadRun.run(threads, WARM_UP_SECONDS, side);
                            }
                            // Short runs in alternating order, so that load from elsewhere on the machine hits all sides alike.
                            for (int round = 0; round < ROUNDS; round++) {
                                for (int k = 0; k < sides.size(); k++) {
                                    int side = round % 2 == 0 ? k : sides.size() - 1 - k;
                                    results.get(side).add(LoadRun.run(threads, SECONDS, sides.get(side)));
                                }
                            }
                            LoadRun.Result f = LoadRun.merge(results.get(0));
                            LoadRun.Result s = LoadRun.merge(results.get(1));
                            LoadRun.Result c = LoadRun.merge(results.get(2));
                            String row = String.format(Locale.ROOT,
                                    "| %s | %s | %d | %.0f | %.2f / %.2f / %.1f | %.0f | %.2f / %.2f | %.0f | %.2f | %.2f | %.2f | %s |",
                                    backend.name().toLowerCase(Locale.ROOT), variant.name(), threads,
                                    f.perSecond(), f.p50(), f.p99(), f.max(), s.perSecond(), s.p50(), s.p99(),
                                    c.perSecond(), c.p50(), f.perSecond() / s.perSecond(), f.perSecond() / c.perSecond(),
                                    calls);
                            System.out.println("[" + method + "] " + row + " load " + String.format(Locale.ROOT, "%.1f", LoadRun.loadAverage()));
                            rows.add(row);
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%s benchmark: %d alternating runs of %.1f s per figure, load average at the end %.1f%n",
                method, ROUNDS, SECONDS, LoadRun.loadAverage());
        System.out.println("| backend | variant | threads | function req/s | function p50 / p99 / max ms | store alone req/s"
                + " | store p50 / p99 ms | constant answer req/s | constant p50 ms | function / store | function / constant"
                + " | store calls per request (1 thread; most threads) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(r -> System.out.println("[" + method + "] " + r));
    }

    private static FunctionResponse expect(FunctionResponse response, Variant variant) {
        if (response.getStatusCode() != variant.status()) {
            throw new AssertionError(variant.name() + ": " + response.getStatusCode() + " " + response.getBodyAsText());
        }
        return response;
    }

    private static String perRequest(Map<String, Integer> counts, int requests) {
        double total = counts.values().stream().mapToInt(Integer::intValue).sum() / (double) requests;
        return counts.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %s", e.getKey(), trim(e.getValue() / (double) requests)))
                .collect(Collectors.joining(", ")) + " (" + trim(total) + ")";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
