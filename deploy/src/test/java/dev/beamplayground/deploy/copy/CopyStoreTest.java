package dev.beamplayground.deploy.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyStoreTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(Properties system, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = CopyStore.run(args, system, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badSettingsStopWithOneLine() {
        Run noTarget = run(new Properties(), "from.module=sqlite", "from.path=x.db");
        assertEquals(2, noTarget.status());
        assertEquals("copy: to.module is not set (a backend name such as sqlite, datastore, event)\n", noTarget.err());

        Run badPath = run(new Properties(), "from.module=sqlite", "to.module=sqlite", "to.path=y.db");
        assertEquals(2, badPath.status());
        assertEquals("copy: from: backend 'sqlite' configuration is invalid: backend.path: required property 'path' not found\n",
                badPath.err());

        Run badBatch = run(new Properties(), "from.module=sqlite", "from.path=a.db", "to.module=sqlite", "to.path=b.db", "batch=0");
        assertEquals(2, badBatch.status());
        assertEquals("copy: batch must be a number from 1 to 1000\n", badBatch.err());
    }

    @Test
    void sqliteToSqliteFromSystemPropertiesInBatchesWithCountCheck() {
        Map<String, String> source = Map.of("module", "sqlite", "path", dir.resolve("a.db").toString());
        try (PlaygroundStore store = Backends.select(source, Map.of()).open()) {
            store.putSnippets(IntStream.range(0, 25).mapToObj(CopyStoreIT::snippet).toList());
        }
        Properties system = new Properties();
        system.setProperty("from.module", "sqlite");
        system.setProperty("from.path", dir.resolve("a.db").toString());
        system.setProperty("to.module", "sqlite");
        system.setProperty("to.path", dir.resolve("wrong.db").toString());

        Run run = run(system, "to.path=" + dir.resolve("b.db"), "batch=10");

        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("copy: 25/25 snippets read, 25 written"), run.out());
        assertTrue(run.out().contains("counts match"), run.out());

        // A target with more than the source fails the count check.
        Map<String, String> target = Map.of("module", "sqlite", "path", dir.resolve("b.db").toString());
        try (PlaygroundStore store = Backends.select(target, Map.of()).open()) {
            store.putSnippets(List.of(CopyStoreIT.snippet(99)));
        }
        Run again = run(system, "to.path=" + dir.resolve("b.db"));
        assertEquals(1, again.status());
        assertTrue(again.out().contains("COUNTS DIFFER"), again.out());
    }
}
