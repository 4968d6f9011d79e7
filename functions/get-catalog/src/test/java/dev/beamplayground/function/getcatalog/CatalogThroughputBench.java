package dev.beamplayground.function.getcatalog;

import static dev.beamplayground.testing.CatalogFixtures.example;

import dev.beamplayground.catalog.CatalogPublisher;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.FunctionResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import dev.beamplayground.api.v1.GetPrecompiledObjectsResponse;
import dev.beamplayground.connect.CacheableBody;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Not part of the build (no Test/IT suffix); run with {@code bench/catalog.sh}. Prints get-catalog's cache-hit
 * throughput against the same function answering a pre-built byte array of the same size, and the catalog build
 * time for 500 examples on the Datastore emulator and on SQLite.
 */
class CatalogThroughputBench {
    static final int EXAMPLES = Integer.getInteger("bench.examples", 500);
    static final int THREADS = Integer.getInteger("bench.threads", 4);
    static final long SECONDS = Long.getLong("bench.seconds", 2);
    /** Alternating short runs, so that load from elsewhere on the machine hits both sides alike. */
    static final int ROUNDS = Integer.getInteger("bench.rounds", 8);
    static final int BUILDS = 5;

    @Test
    void run() throws Exception {
        List<LoadedExample> catalog = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            catalog.add(example(Sdk.values()[i % 3], String.format("Example%03d", i), 1 + i % 2,
                    List.of("Category" + (i % 12), "All")));
        }
        Path dir = Files.createTempDirectory("catalog-bench");
        try (DatastoreEmulator emulator = DatastoreEmulator.start(); RedisServer redis = RedisServer.start()) {
            Map<String, Object> datastore = Map.of("backend.module", "datastore", "backend.emulator-host", emulator.host(),
                    "backend.project-id", emulator.projectId(), "backend.namespace", "bench");
            Map<String, Object> sqlite = Map.of("backend.module", "sqlite", "backend.path", dir.resolve("bench.db").toString());
            for (Map<String, Object> backend : List.of(datastore, sqlite)) {
                redis.flushAll();
                try (FunctionClient loader = start(backend, redis, false)) {
                    long t0 = System.nanoTime();
                    loader.context().getBean(CatalogPublisher.class).publish(catalog, List.of(), Set.of());
                    System.out.printf("[%s] load of %d examples: %d ms%n", backend.get("backend.module"), EXAMPLES,
                            (System.nanoTime() - t0) / 1_000_000);
                }
                long[] builds = new long[BUILDS];
                for (int i = 0; i < BUILDS; i++) {
                    redis.flushAll();
                    try (FunctionClient fresh = start(backend, redis, false)) {
                        fresh.call("GetPrecompiledObject", "{\"cloudPath\":\"warm-up-the-routes\"}"); // 404, builds
                        redis.flushAll();
                        // A new process would start empty: measure a build through a second, empty instance.
                    }
                    try (FunctionClient fresh = start(backend, redis, false)) {
                        long t0 = System.nanoTime();
                        ok(fresh.call("GetPrecompiledObjects", "{}"));
                        builds[i] = (System.nanoTime() - t0) / 1_000;
                    }
                }
                Arrays.sort(builds);
                System.out.printf("[%s] catalog build for %d examples (first request, empty Redis and memory): median %.1f ms"
                        + " (min %.1f, max %.1f)%n", backend.get("backend.module"), EXAMPLES, builds[BUILDS / 2] / 1000.0,
                        builds[0] / 1000.0, builds[BUILDS - 1] / 1000.0);
            }
            try (FunctionClient fn = start(datastore, redis, true)) {
                byte[] body = ok(fn.call("GetPrecompiledObjects", "{}"));
                BaselineMethods.prebuilt = CacheableBody.ofJson(body.clone(), GetPrecompiledObjectsResponse.getDefaultInstance());
                System.out.printf("catalog answer: %d bytes; %d threads, %d s per run%n", body.length, THREADS, SECONDS);
                Supplier<FunctionResponse> hit = () -> fn.call("GetPrecompiledObjects", "{}");
                Supplier<FunctionResponse> baseline = () -> fn.send("POST", FunctionClient.SERVICE + "BenchGetPrecompiledObjects",
                        "{}".getBytes(StandardCharsets.UTF_8), "application/json");
                measure(hit, 3);
                measure(baseline, 3);
                double[] hits = new double[ROUNDS];
                double[] bases = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    if (round % 2 == 0) {
                        hits[round] = measure(hit, SECONDS);
                        bases[round] = measure(baseline, SECONDS);
                    } else {
                        bases[round] = measure(baseline, SECONDS);
                        hits[round] = measure(hit, SECONDS);
                    }
                    System.out.printf("round %d: cache hit %.0f req/s, pre-built bytes %.0f req/s, ratio %.2f%n",
                            round + 1, hits[round], bases[round], hits[round] / bases[round]);
                }
                double[] ratios = new double[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    ratios[i] = hits[i] / bases[i];
                }
                Arrays.sort(ratios);
                System.out.printf("get-catalog cache hit / pre-built byte array: %.2f (all requests), median of rounds %.2f%n",
                        Arrays.stream(hits).sum() / Arrays.stream(bases).sum(), (ratios[ROUNDS / 2 - 1] + ratios[ROUNDS / 2]) / 2);
            }
        }
    }

    private static FunctionClient start(Map<String, Object> backend, RedisServer redis, boolean baseline) {
        Map<String, Object> properties = new HashMap<>(backend);
        properties.put("redis.uri", redis.uri());
        if (baseline) {
            properties.put("bench.baseline", "true");
        }
        return FunctionClient.start(properties);
    }

    private static byte[] ok(FunctionResponse response) {
        if (response.getStatusCode() != 200) {
            throw new AssertionError(response.getStatusCode() + " " + response.getBodyAsText());
        }
        return response.getBodyAsText().getBytes(StandardCharsets.UTF_8);
    }

    /** Requests per second with {@link #THREADS} callers for {@code seconds}. */
    private static double measure(Supplier<FunctionResponse> call, long seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            counts.add(pool.submit(() -> {
                long n = 0;
                while (!stop.get()) {
                    if (call.get().getStatusCode() != 200) {
                        throw new AssertionError("not 200");
                    }
                    n++;
                }
                return n;
            }));
        }
        TimeUnit.SECONDS.sleep(seconds);
        stop.set(true);
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return total / elapsed;
    }
}
