package dev.beamplayground.function.savesnippet;

import static dev.beamplayground.testing.BenchSnippets.LARGE_LINES;
import static dev.beamplayground.testing.BenchSnippets.SMALL_LINES;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.BenchSnippets;
import dev.beamplayground.testing.SnippetBench;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not part of the build (no Test/IT suffix); run with {@code bench/snippets.sh}. SaveSnippet throughput and latency
 * on SQLite and the Datastore emulator against the store call alone and a constant answer (see {@link SnippetBench}):
 * every request new content, without and with a persistence key (each caller thread its own key, so every save
 * after the first replaces the previous snippet under it: the dedup path).
 */
class SaveSnippetBench {
    private record Save(String name, int lines, boolean keyed) implements SnippetBench.Variant {
        private String key(int thread) {
            return keyed ? "bench-" + lines + "-" + thread : "";
        }

        @Override
        public String request(int thread, long seq) {
            return BenchSnippets.saveRequest("request " + seq, lines, key(thread));
        }

        @Override
        public void storeCall(PlaygroundStore store, int thread, long seq) {
            store.saveSnippet(BenchSnippets.snippet("direct" + seq, "direct " + seq, lines, key(thread)));
        }
    }

    @Test
    void run() throws Exception {
        SnippetBench.run("SaveSnippet", List.of(
                new Save("save 0.5 KiB", SMALL_LINES, false),
                new Save("save 100 KiB", LARGE_LINES, false),
                new Save("save 0.5 KiB, persistenceKey (replaces previous)", SMALL_LINES, true),
                new Save("save 100 KiB, persistenceKey (replaces previous)", LARGE_LINES, true)));
    }
}
