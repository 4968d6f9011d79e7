package dev.beamplayground.testing;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import java.time.Instant;
import java.util.List;

/**
 * The snippets the benchmarks save and read: a Python main file of a header and {@code lines} lines of
 * {@code "x = 1\n"}, and a small second file. {@link #SMALL_LINES} gives ~0.5 KiB, {@link #LARGE_LINES} ~100 KiB;
 * a {@code tag} in the header makes each content (and so each id) distinct.
 */
public final class BenchSnippets {
    public static final int SMALL_LINES = 80;
    public static final int LARGE_LINES = 17_000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private BenchSnippets() {
    }

    public static String mainFile(String tag, int lines) {
        return "import apache_beam as beam\n# " + tag + "\n" + "x = 1\n".repeat(lines);
    }

    /** The snippet as a store holds it, for store-level benchmarks; {@code persistenceKey} may be empty. */
    public static Snippet snippet(String id, String tag, int lines, String persistenceKey) {
        return new Snippet(id, Sdk.SDK_PYTHON, "", Complexity.COMPLEXITY_BASIC, persistenceKey,
                persistenceKey.isEmpty() ? Origin.PG_USER : Origin.TB_USER, "", T0, T0, 0, SchemaVersion.CURRENT,
                List.of(new SnippetFile("main.py", mainFile(tag, lines), true, 0),
                        new SnippetFile("util.py", "def f(): pass\n", false, 0)),
                List.of());
    }

    /** The same snippet as a SaveSnippet request body; {@code tag} must be plain text (no quotes, no escapes). */
    public static String saveRequest(String tag, int lines, String persistenceKey) {
        return "{\"sdk\":\"SDK_PYTHON\",\"complexity\":\"COMPLEXITY_BASIC\","
                + (persistenceKey.isEmpty() ? "" : "\"persistenceKey\":\"" + persistenceKey + "\",")
                + "\"files\":[{\"name\":\"main.py\",\"content\":\"" + mainFile(tag, lines).replace("\n", "\\n")
                + "\",\"isMain\":true},{\"name\":\"util.py\",\"content\":\"def f(): pass\\n\"}]}";
    }
}
