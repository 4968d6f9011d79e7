package dev.beamplayground.function.getsnippet;

import static dev.beamplayground.testing.BenchSnippets.LARGE_LINES;
import static dev.beamplayground.testing.BenchSnippets.SMALL_LINES;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.BenchSnippets;
import dev.beamplayground.testing.SnippetBench;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not part of the build (no Test/IT suffix); run with {@code bench/snippets.sh}. GetSnippet (a read and a counted
 * visit) throughput and latency on SQLite and the Datastore emulator against the store call alone and a constant
 * answer (see {@link SnippetBench}): existing ids (100 stored snippets, picked in a scattered order) and missing ids.
 */
class GetSnippetBench {
    private static final int STORED = 100;

    private record Get(String name, int lines) implements SnippetBench.Variant {
        private String id(long seq) {
            return lines == 0 ? "missing" + Math.abs(seq) : "get" + lines + "x" + Math.floorMod(seq * 37, STORED);
        }

        @Override
        public void prepare(PlaygroundStore store) {
            for (int i = 0; i < STORED && lines > 0; i++) {
                String id = "get" + lines + "x" + i;
                store.saveSnippet(BenchSnippets.snippet(id, id, lines, ""));
            }
        }

        @Override
        public String request(int thread, long seq) {
            return "{\"id\":\"" + id(seq) + "\"}";
        }

        @Override
        public void storeCall(PlaygroundStore store, int thread, long seq) {
            if (store.visitSnippet(id(seq), Instant.now().truncatedTo(ChronoUnit.MILLIS)).isPresent() != lines > 0) {
                throw new AssertionError(id(seq));
            }
        }

        @Override
        public int status() {
            return lines == 0 ? 404 : 200;
        }
    }

    @Test
    void run() throws Exception {
        SnippetBench.run("GetSnippet", List.of(
                new Get("get 0.5 KiB", SMALL_LINES),
                new Get("get 100 KiB", LARGE_LINES),
                new Get("get missing id (not_found)", 0)));
    }
}
