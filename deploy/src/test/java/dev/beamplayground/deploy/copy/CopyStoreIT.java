package dev.beamplayground.deploy.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite store of 10,000 snippets copied to Datastore (emulator) and to the event log (redis-server). */
@ExtendWith(DatastoreEmulatorExtension.class)
class CopyStoreIT {
    static final int SNIPPETS = 10_000;
    private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.089Z");

    @TempDir
    static Path dir;
    private static RedisServer redis;
    private static DatastoreEmulator emulator;
    private static Map<String, String> sqlite;
    private static List<Snippet> seeded;

    @BeforeAll
    static void seed(DatastoreEmulator shared) {
        emulator = shared;
        redis = RedisServer.startDurable();
        sqlite = Map.of("module", "sqlite", "path", dir.resolve("source.db").toString());
        seeded = new ArrayList<>(SNIPPETS);
        for (int i = 0; i < SNIPPETS; i++) {
            seeded.add(snippet(i));
        }
        try (PlaygroundStore source = Backends.select(sqlite, Map.of()).open()) {
            source.putSnippets(seeded);
        }
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    /** Varied: 1-3 files, visits, persistence keys, datasets, every SDK, unicode. */
    static Snippet snippet(int i) {
        List<SnippetFile> files = new ArrayList<>();
        for (int f = 0; f <= i % 3; f++) {
            files.add(new SnippetFile("file" + f + ".py", "print('snippet " + i + " ✓ file " + f + "')\n", f == 0, f));
        }
        String key = i % 10 == 0 ? "tob-" + i : "";
        return new Snippet(String.format("id%06d", i), Sdk.values()[i % Sdk.values().length], i % 2 == 0 ? "" : "--n=" + i,
                Complexity.values()[i % Complexity.values().length], key, key.isEmpty() ? Origin.PG_USER : Origin.TB_USER, "",
                T0.plusSeconds(i), T0.plusSeconds(2L * i), i % 7, SchemaVersion.CURRENT, files,
                i % 50 == 0 ? List.of(new DatasetRef("CountWords", "kafka", Map.of("topic", "t" + i))) : List.of());
    }

    private static Map<String, String> datastore() {
        return Map.of("module", "datastore", "namespace", "copy", "project-id", emulator.projectId(),
                "emulator-host", emulator.host());
    }

    private static Map<String, String> event() {
        return Map.of("module", "event", "model-prefix", "playground", "uri", redis.uri(), "stream", "copy");
    }

    private static String[] args(Map<String, String> from, Map<String, String> to) {
        List<String> args = new ArrayList<>();
        from.forEach((k, v) -> args.add("from." + k + "=" + v));
        to.forEach((k, v) -> args.add("to." + k + "=" + v));
        args.add("batch=500");
        return args.toArray(String[]::new);
    }

    /** Runs the command as the CLI does and returns its output; asserts exit status 0. */
    private static String copy(Map<String, String> to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CopyStore.run(args(sqlite, to), new Properties(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String output = out.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        assertEquals(0, status, output + err.toString(StandardCharsets.UTF_8));
        return output;
    }

    private static List<Snippet> all(Map<String, String> backend) {
        try (PlaygroundStore store = Backends.select(backend, Map.of()).open()) {
            List<Snippet> read = new ArrayList<>();
            String after = "";
            for (List<Snippet> page = store.snippetPage(after, 1000); !page.isEmpty(); page = store.snippetPage(after, 1000)) {
                read.addAll(page);
                after = page.get(page.size() - 1).id();
            }
            return read;
        }
    }

    private static void assertCopied(String output, Map<String, String> target) {
        long files = seeded.stream().mapToLong(s -> s.files().size()).sum();
        assertTrue(output.contains("copy: 10000/10000 snippets read"), output);
        assertTrue(output.contains("source 10000 snippets, " + files + " files; target 10000 snippets, " + files
                + " files: counts match"), output);
        assertEquals(seeded, all(target));
    }

    @Test
    void sqliteToDatastore() {
        assertCopied(copy(datastore()), datastore());
    }

    @Test
    void sqliteToEventAndAgainWritesNothing() {
        assertCopied(copy(event()), event());
        String again = copy(event());
        assertTrue(again.contains("10000/10000 snippets read, 0 written"), again);
        assertCopied(again, event());
    }
}
