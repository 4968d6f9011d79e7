package dev.beamplayground.store;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.BenchSnippets;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.RedisServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Write and read throughput of every backend on this machine in one run: {@code N} saves of a 2-file
 * snippet (~1 KiB) one after another, then {@code N} reads of random saved ids, then {@code N} visits;
 * for the event backend also the time a new instance takes to answer its first call. Not part
 * of the build (no Test/IT suffix): {@code ./mvnw -B -q -pl shared -am test -Dtest=StoreThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.n=1000]}.
 */
class StoreThroughputBenchmark {
    private static final int N = Integer.getInteger("bench.n", 1000);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Snippet snippet(int i) {
        return BenchSnippets.snippet(String.format("bench%07d", i), "snippet " + i, BenchSnippets.SMALL_LINES, "");
    }

    private static double perSecond(int ops, long nanos) {
        return ops / (nanos / 1e9);
    }

    private static String measure(String name, Supplier<PlaygroundStore> open) {
        List<Snippet> snippets = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            snippets.add(snippet(i));
        }
        Random random = new Random(42);
        try (PlaygroundStore store = open.get()) {
            store.saveSnippet(snippet(-1)); // connect and warm up outside the clock
            store.findSnippet(snippet(-1).id());
            long t = System.nanoTime();
            for (Snippet s : snippets) {
                store.saveSnippet(s);
            }
            double writes = perSecond(N, System.nanoTime() - t);
            t = System.nanoTime();
            for (int i = 0; i < N; i++) {
                store.findSnippet(snippets.get(random.nextInt(N)).id()).orElseThrow();
            }
            double reads = perSecond(N, System.nanoTime() - t);
            t = System.nanoTime();
            for (int i = 0; i < N; i++) {
                store.visitSnippet(snippets.get(random.nextInt(N)).id(), T0.plusSeconds(i)).orElseThrow();
            }
            double visits = perSecond(N, System.nanoTime() - t);
            String rebuild = "";
            if (name.startsWith("event")) {
                t = System.nanoTime();
                try (PlaygroundStore fresh = open.get()) {
                    fresh.countSnippets();
                }
                rebuild = String.format(Locale.ROOT, "%n%nA new event store instance answered its first call on %d"
                        + " snippets in %.0f ms (it reads the view; nothing is replayed).", N + 1, (System.nanoTime() - t) / 1e6);
            }
            return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%s", name, writes, reads, visits, rebuild);
        }
    }

    @Test
    void throughputPerBackend() throws IOException {
        List<String> rows = new ArrayList<>();
        Path dir = Files.createTempDirectory("bench");
        rows.add(measure("sqlite", () -> Backends.select(Map.of("module", "sqlite",
                "path", dir.resolve("bench.db").toString()), Map.of()).open()));
        try (RedisServer redis = RedisServer.startDurable()) {
            rows.add(measure("event (redis-server, appendfsync always)", () -> Backends.select(Map.of("module", "event",
                    "model-prefix", "bench", "uri", redis.uri()), Map.of()).open()));
        }
        try (DatastoreEmulator emulator = DatastoreEmulator.start()) {
            rows.add(measure("datastore (emulator)", () -> Backends.select(Map.of("module", "datastore",
                    "namespace", "bench", "project-id", emulator.projectId(), "emulator-host", emulator.host()),
                    Map.of()).open()));
        }
        System.out.printf("%nStore throughput, N=%d, single thread, load average at the end %.1f%n",
                N, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| backend | saves/s | reads/s | visits/s |");
        System.out.println("|---|---|---|---|");
        rows.forEach(System.out::println);
    }
}
