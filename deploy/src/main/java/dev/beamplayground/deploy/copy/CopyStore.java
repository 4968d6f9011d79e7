package dev.beamplayground.deploy.copy;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.store.spi.Backends;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Copies every snippet with its files from one backend to another, for example when a local SQLite
 * setup moves to Datastore:
 *
 * <pre>
 * java -cp playground-local.jar dev.beamplayground.deploy.copy.CopyStore \
 *     from.module=sqlite from.path=data/playground.db \
 *     to.module=datastore to.namespace=Playground [batch=200]
 * </pre>
 *
 * Each side takes the {@code backend.*} keys of its backend under {@code from.} and {@code to.} (as
 * arguments or {@code -D} system properties; arguments win), checked against the backend's schema.
 *
 * <p>The source is read in pages of {@code batch} snippets in id order and each page is written as it
 * is (ids, visit counts, timestamps, persistence keys), replacing what the target holds under the same
 * ids; so running the copy again, or after an interruption, gives the same result. A progress line per
 * second; at the end the counts of snippets and files of both sides are compared and the exit status
 * says whether they match (0) or not (1); 2 is a configuration or store error.
 */
public final class CopyStore {
    public static final int DEFAULT_BATCH = 200;
    static final int MAX_BATCH = 1000;
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    private final PlaygroundStore source;
    private final PlaygroundStore target;
    private final int batch;
    private final PrintStream out;

    public CopyStore(PlaygroundStore source, PlaygroundStore target, int batch, PrintStream out) {
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch must be 1.." + MAX_BATCH);
        }
        this.source = source;
        this.target = target;
        this.batch = batch;
        this.out = out;
    }

    /** What a copy did, and the counts of both stores after it. */
    public record Result(long copied, long written, long sourceSnippets, long sourceFiles,
                         long targetSnippets, long targetFiles) {
        public boolean countsMatch() {
            return sourceSnippets == targetSnippets && sourceFiles == targetFiles;
        }
    }

    public Result run() {
        long total = source.countSnippets();
        long copied = 0;
        long written = 0;
        long started = System.nanoTime();
        long lastProgress = started;
        String after = "";
        for (List<Snippet> page = source.snippetPage(after, batch); !page.isEmpty(); page = source.snippetPage(after, batch)) {
            written += target.putSnippets(page);
            copied += page.size();
            after = page.get(page.size() - 1).id();
            long now = System.nanoTime();
            if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
                progress(copied, total, written, now - started);
                lastProgress = now;
            }
        }
        progress(copied, total, written, System.nanoTime() - started);
        Result result = new Result(copied, written, source.countSnippets(), source.countFiles(),
                target.countSnippets(), target.countFiles());
        out.printf("copy: source %d snippets, %d files; target %d snippets, %d files: %s%n",
                result.sourceSnippets(), result.sourceFiles(), result.targetSnippets(), result.targetFiles(),
                result.countsMatch() ? "counts match" : "COUNTS DIFFER");
        return result;
    }

    private void progress(long copied, long total, long written, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        out.printf("copy: %d/%d snippets read, %d written, %.0f snippets/s%n", copied, total, written, copied / seconds);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getProperties(), System.out, System.err));
    }

    /** The command without {@code System.exit}: its exit status. */
    static int run(String[] args, Properties system, PrintStream out, PrintStream err) {
        Map<String, String> settings;
        Backends.Selection from;
        Backends.Selection to;
        int batch;
        try {
            settings = settings(args, system);
            from = select(settings, "from");
            to = select(settings, "to");
            batch = batch(settings.getOrDefault("batch", String.valueOf(DEFAULT_BATCH)));
        } catch (BackendConfigException | IllegalArgumentException e) {
            err.println("copy: " + e.getMessage());
            return 2;
        }
        try (PlaygroundStore source = from.open(); PlaygroundStore target = to.open()) {
            Result result = new CopyStore(source, target, batch, out).run();
            return result.countsMatch() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("copy: failed: " + e.getMessage());
            return 2;
        }
    }

    private static Backends.Selection select(Map<String, String> settings, String side) {
        try {
            return Backends.select(side(settings, side));
        } catch (BackendConfigException e) {
            throw new IllegalArgumentException(side + ": " + e.getMessage(), e);
        }
    }

    /** {@code key=value} arguments over {@code from.*}, {@code to.*} and {@code batch} system properties. */
    static Map<String, String> settings(String[] args, Properties system) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith("from.") || name.startsWith("to.") || name.equals("batch")) {
                settings.put(name, system.getProperty(name));
            }
        }
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value (from.module=..., to.module=..., batch=...);"
                        + " got an argument without '='");
            }
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return settings;
    }

    /** The backend properties of one side, without its prefix. */
    static Map<String, String> side(Map<String, String> settings, String side) {
        Map<String, String> properties = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(side + ".")) {
                properties.put(key.substring(side.length() + 1), value);
            }
        });
        if (!properties.containsKey(Backends.MODULE_KEY)) {
            throw new IllegalArgumentException(side + ".module is not set (a backend name such as sqlite, datastore, event)");
        }
        return properties;
    }

    private static int batch(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_BATCH) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("batch must be a number from 1 to " + MAX_BATCH);
    }
}
