package dev.beamplayground.store.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.sqlite.SqliteBackendProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {
    @TempDir
    Path dir;

    private static String failure(Map<String, String> properties) {
        String message = assertThrows(BackendConfigException.class, () -> Backends.select(properties)).getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        return message;
    }

    @Test
    void sqliteIsOnTheClassPath() {
        assertTrue(Backends.available().stream().anyMatch(p -> p.name().equals("sqlite")));
    }

    @Test
    void sqliteIsSelectedByNameWithoutOpeningTheFile() {
        Path file = dir.resolve("db").resolve("playground.db");
        Backends.Selection selection = Backends.select(Map.of("module", "sqlite", "path", file.toString()));

        assertInstanceOf(SqliteBackendProvider.class, selection.provider());
        assertEquals(Map.of("path", file.toString()), selection.config());
        try (PlaygroundStore store = selection.open()) {
            assertFalse(Files.exists(file));
            assertEquals(0, store.countSnippets());
            assertTrue(Files.exists(file));
        }
    }

    @Test
    void sqliteIsSelectedByClassName() {
        Backends.Selection selection = Backends.select(Map.of(
                "module", SqliteBackendProvider.class.getName(), "path", dir.resolve("p.db").toString()));
        assertInstanceOf(SqliteBackendProvider.class, selection.provider());
    }

    @Test
    void aMissingPathIsNamed() {
        String message = failure(Map.of("module", "sqlite"));
        assertTrue(message.contains("backend.path"), message);
    }

    @Test
    void anEmptyPathIsNamed() {
        String message = failure(Map.of("module", "sqlite", "path", ""));
        assertTrue(message.contains("backend.path"), message);
    }

    @Test
    void anUnknownKeyIsNamed() {
        String message = failure(Map.of("module", "sqlite", "path", dir.resolve("p.db").toString(),
                "patht", "typo"));
        assertTrue(message.contains("patht"), message);
    }

    @Test
    void anUnknownModuleListsTheAvailableOnes() {
        String message = failure(Map.of("module", "mongodb"));
        assertTrue(message.contains("backend.module"), message);
        assertTrue(message.contains("mongodb"), message);
        assertTrue(message.endsWith("available: datastore, event, sqlite"), message);
    }

    @Test
    void aMissingModuleListsTheAvailableOnes() {
        String message = failure(Map.of("path", "x.db"));
        assertTrue(message.contains("backend.module"), message);
        assertTrue(message.contains("sqlite"), message);
    }

    @Test
    void datastoreTakesBeamsEnvironmentVariablesWhenTheConfigurationLeavesThemOut() {
        Map<String, String> env = Map.of("DATASTORE_NAMESPACE", "Staging", "DATASTORE_EMULATOR_HOST", "127.0.0.1:8081");
        assertEquals(Map.of("namespace", "Staging", "emulator-host", "127.0.0.1:8081"),
                Backends.select(Map.of("module", "datastore"), env).config());
        assertEquals("Mine", Backends.select(Map.of("module", "datastore", "namespace", "Mine"), env)
                .config().get("namespace"));
    }

    @Test
    void environmentValuesAreCheckedLikeTheConfiguration() {
        BackendConfigException e = assertThrows(BackendConfigException.class,
                () -> Backends.select(Map.of("module", "datastore"), Map.of("DATASTORE_NAMESPACE", "bad/ns")));
        assertTrue(e.getMessage().contains("backend.namespace"), e.getMessage());
    }
}
