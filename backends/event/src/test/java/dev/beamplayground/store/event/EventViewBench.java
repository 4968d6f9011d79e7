package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.BenchSnippets;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of {@code bench/event-view.sh} that run in a JVM of their own (not a test: no Test/IT suffix).
 * {@code load <uri> <stream> <from> <to>}: snippets {@code bench0000000...} written through the store's
 * transfer path ({@code putSnippets}, 100 per transaction). {@code first <uri> <stream> <id>}: a fresh
 * instance's first GetSnippet (a visit), timed from opening the store, and the heap in use after it
 * (after a full GC), printed as one line {@code first-getsnippet warm_ms=... ms=... heap_mib=...}.
 * Before the clock starts, a throwaway Lettuce client connects and PINGs ({@code warm_ms}): the
 * client's own start (seconds on a loaded machine, the same for any history) stays out of {@code ms}.
 */
public final class EventViewBench {
    private EventViewBench() {
    }

    static String id(int i) {
        return String.format(Locale.ROOT, "bench%07d", i);
    }

    static Map<String, String> config(String uri, String stream) {
        return Map.of("module", "event", "model-prefix", "bench", "uri", uri, "stream", stream);
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "load" -> load(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "first" -> first(args[1], args[2], args[3]);
            default -> throw new IllegalArgumentException("load or first");
        }
    }

    private static void load(String uri, String stream, int from, int to) {
        long t = System.nanoTime();
        try (PlaygroundStore store = Backends.select(config(uri, stream), Map.of()).open()) {
            List<Snippet> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(BenchSnippets.snippet(id(i), "snippet " + i, BenchSnippets.SMALL_LINES, ""));
                if (batch.size() == 100 || i == to - 1) { // 100 snippets (300 entries) a transaction
                    store.putSnippets(batch);
                    batch.clear();
                }
            }
            System.out.printf(Locale.ROOT, "loaded %d snippets in %.1f s; the store holds %d%n", to - from,
                    (System.nanoTime() - t) / 1e9, store.countSnippets());
        }
    }

    private static void first(String uri, String stream, String id) {
        double warm = warmUp(uri);
        long t = System.nanoTime();
        try (PlaygroundStore store = Backends.select(config(uri, stream), Map.of()).open()) {
            store.visitSnippet(id, Instant.now()).orElseThrow();
            double ms = (System.nanoTime() - t) / 1e6;
            System.out.printf(Locale.ROOT, "first-getsnippet warm_ms=%.1f ms=%.1f heap_mib=%.1f%n", warm, ms, heapAfterGc());
        }
    }

    /** Starts a Lettuce client, connects, PINGs and closes it. @return how long that took, ms */
    public static double warmUp(String uri) {
        long t = System.nanoTime();
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(uri);
        try (var connection = client.connect()) {
            connection.sync().ping();
        } finally {
            client.shutdown();
        }
        return (System.nanoTime() - t) / 1e6;
    }

    static double heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
