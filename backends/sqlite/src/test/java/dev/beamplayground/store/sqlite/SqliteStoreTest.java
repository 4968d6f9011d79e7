package dev.beamplayground.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.store.spi.BackendConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the contract suite cannot see: the file, its tables, precision, chunking, and failure mapping. */
class SqliteStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    @TempDir
    Path dir;

    private final List<PlaygroundStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(PlaygroundStore::close);
    }

    private Path file() {
        return dir.resolve("a").resolve("b").resolve("playground.db");
    }

    private SqliteStore store() {
        return store(SqliteStore.DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    private SqliteStore store(int busyTimeoutMillis) {
        SqliteStore s = new SqliteStore(file(), busyTimeoutMillis, dev.beamplayground.versioning.Codecs.current());
        opened.add(s);
        return s;
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file());
    }

    private static Snippet snippet(String id, String persistenceKey, int files, Instant created) {
        List<SnippetFile> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            list.add(new SnippetFile("F" + i + ".java", "class F" + i + " {}", i == 0, i));
        }
        return new Snippet(id, Sdk.SDK_JAVA, "", Complexity.COMPLEXITY_BASIC, persistenceKey, Origin.PG_USER, "",
                created, created, 0, SchemaVersion.CURRENT, list, List.of());
    }

    private static Snippet snippet(String id, String persistenceKey, int files) {
        return snippet(id, persistenceKey, files, T0);
    }

    @Test
    void opensTheFileAndItsDirectoriesOnlyOnFirstUse() {
        PlaygroundStore s = new SqliteBackendProvider().open(Map.of("path", file().toString()));
        opened.add(s);
        assertFalse(Files.exists(file().getParent()));

        assertEquals(0, s.countSnippets());

        assertTrue(Files.isRegularFile(file()));
    }

    @Test
    void closingAnUnusedStoreCreatesNothingAndAClosedStoreRefusesWork() {
        SqliteStore s = store();
        s.close();
        assertFalse(Files.exists(file()));
        s.close();
        assertThrows(IllegalStateException.class, s::countSnippets);
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsUnavailableAndRetriedOnTheNextCall() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a").resolve("b"), "a file where the directory should be");
        SqliteStore s = store();

        assertThrows(StoreUnavailableException.class, s::countSnippets);

        Files.delete(dir.resolve("a").resolve("b"));
        assertEquals(0, s.countSnippets());
    }

    @Test
    void tablesMirrorTheDatastoreKindsAndTheFileIsInWalMode() throws Exception {
        store().countSnippets();
        try (Connection c = raw()) {
            assertEquals(List.of("id", "descr", "objVer", "extra"), columns(c, "pg_schema_versions"));
            assertEquals(List.of("id", "defaultExample", "objVer", "extra"), columns(c, "pg_sdks"));
            assertEquals(List.of("id", "name", "sdk", "descr", "tags", "cats", "path", "type", "origin", "schVer",
                    "urlVCS", "urlNotebook", "alwaysRun", "neverRun", "objVer", "extra"), columns(c, "pg_examples"));
            assertEquals(List.of("id", "ownerId", "sdk", "pipeOpts", "created", "lVisited", "origin", "visitCount",
                    "schVer", "numberOfFiles", "complexity", "persistenceKey", "datasets", "objVer", "extra"), columns(c, "pg_snippets"));
            assertEquals(List.of("id", "path", "objVer", "extra"), columns(c, "pg_datasets"));
            assertEquals(List.of("id", "name", "content", "cntxLine", "isMain", "objVer", "extra"), columns(c, "pg_files"));
            assertEquals(List.of("id", "content", "objVer", "extra"), columns(c, "pg_pc_objects"));
            assertEquals(List.of("id", "cursor", "found", "done", "updated", "objVer", "extra"),
                    columns(c, "pg_migration_progress"));
            assertEquals("pg_snippets", scalar(c,
                    "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%(persistenceKey)%'"));
            assertEquals("wal", scalar(c, "PRAGMA journal_mode"));
        }
    }

    @Test
    void timestampsAreEpochMillisTruncatedTheSameWayOnEveryPath() throws Exception {
        Instant nanos = Instant.parse("2026-03-04T05:06:07.123456789Z");
        Instant beforeEpoch = Instant.ofEpochSecond(-1, 999_999_999);
        SqliteStore s = store();
        s.saveSnippet(snippet("t1", "", 1, nanos));
        s.saveSnippet(snippet("t2", "", 1, beforeEpoch));

        Snippet t1 = s.findSnippet("t1").orElseThrow();
        assertEquals(nanos.truncatedTo(ChronoUnit.MILLIS), t1.created());
        assertEquals(nanos.truncatedTo(ChronoUnit.MILLIS), t1.lastVisited());
        assertEquals(beforeEpoch.truncatedTo(ChronoUnit.MILLIS), s.findSnippet("t2").orElseThrow().created());
        assertEquals(nanos.plusNanos(5).truncatedTo(ChronoUnit.MILLIS),
                s.visitSnippet("t1", nanos.plusNanos(5)).orElseThrow().lastVisited());
        try (Connection c = raw()) {
            assertEquals(String.valueOf(nanos.toEpochMilli()), scalar(c, "SELECT created FROM pg_snippets WHERE id = 't1'"));
            assertEquals("-1", scalar(c, "SELECT created FROM pg_snippets WHERE id = 't2'"));
        }
    }

    @Test
    void filesAreKeyedBySnippetIdAndOrdinal() throws Exception {
        SqliteStore s = store();
        s.saveSnippet(snippet("abc_", "", 3));
        try (Connection c = raw()) {
            assertEquals("abc__0,abc__1,abc__2", scalar(c, "SELECT group_concat(id, ',') FROM (SELECT id FROM pg_files ORDER BY id)"));
            assertEquals("3", scalar(c, "SELECT numberOfFiles FROM pg_snippets WHERE id = 'abc_'"));
        }
    }

    @Test
    void datasetsRoundTripAsSeedShapedJson() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("topic", "wörds \"quoted\" \\ \n");
        config.put("a", "");
        List<DatasetRef> datasets = List.of(new DatasetRef("CountWords", "kafka", config),
                new DatasetRef("Other", "kafka", Map.of()));
        Snippet saved = new Snippet("ds", Sdk.SDK_SCIO, "--x", Complexity.COMPLEXITY_ADVANCED, "", Origin.TB_USER,
                "owner", T0, T0, 7, SchemaVersion.CURRENT, List.of(new SnippetFile("m.scala", "x", true, 3)), datasets);
        SqliteStore s = store();
        s.saveSnippet(saved);

        assertEquals(saved, s.findSnippet("ds").orElseThrow());
        try (Connection c = raw()) {
            assertEquals("[{\"dataset\":\"CountWords\",\"emulator\":\"kafka\",\"config\":{\"a\":\"\","
                    + "\"topic\":\"wörds \\\"quoted\\\" \\\\ \\n\"}},{\"dataset\":\"Other\",\"emulator\":\"kafka\",\"config\":{}}]",
                    scalar(c, "SELECT datasets FROM pg_snippets WHERE id = 'ds'"));
        }
    }

    @Test
    void aSaveOfAnExistingIdStillRemovesOtherSnippetsOfItsKey() throws Exception {
        SqliteStore s = store();
        s.saveSnippet(snippet("mine", "k", 1));
        // Another writer (say, an older version mid-upgrade) left a second snippet under the key.
        try (Connection c = raw(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO pg_snippets (id, sdk, created, lVisited, origin, schVer, numberOfFiles,"
                    + " complexity, persistenceKey) VALUES ('stray', 'SDK_GO', 0, 0, 'TB_USER', '0.0.1', 2,"
                    + " 'COMPLEXITY_BASIC', 'k')");
            st.executeUpdate("INSERT INTO pg_files (id, name, content) VALUES ('stray_0', 'a', ''), ('stray_1', 'b', '')");
        }

        assertFalse(s.saveSnippet(snippet("mine", "k", 1)));

        assertEquals(List.of("mine"), s.snippetIdsByPersistenceKey("k"));
        assertEquals(1, s.countFiles());
    }

    @Test
    void theEmptyPersistenceKeyNamesNoSnippets() {
        SqliteStore s = store();
        s.saveSnippet(snippet("plain", "", 1));
        assertEquals(List.of(), s.snippetIdsByPersistenceKey(""));
    }

    @Test
    void moreFilesAndIdsThanOneStatementTakesAreChunked() {
        SqliteStore s = store();
        Snippet wide = snippet("wide", "", 1_201);
        assertTrue(s.saveSnippet(wide));
        assertEquals(wide, s.findSnippet("wide").orElseThrow());

        List<String> ids = IntStream.range(0, 1_203).mapToObj(i -> "s" + i).toList();
        ids.forEach(id -> s.saveSnippet(snippet(id, "", 1)));
        List<String> toDelete = new ArrayList<>(ids);
        toDelete.add("wide");
        toDelete.add("s0");

        assertEquals(1_204, s.deleteSnippets(toDelete));
        assertEquals(0, s.countSnippets());
        assertEquals(0, s.countFiles());
    }

    @Test
    void columnsThisVersionDoesNotKnowSurviveAVisit() throws Exception {
        SqliteStore s = store();
        s.saveSnippet(snippet("v", "", 1));
        try (Connection c = raw(); Statement st = c.createStatement()) {
            st.executeUpdate("ALTER TABLE pg_snippets ADD COLUMN futureProp TEXT");
            st.executeUpdate("UPDATE pg_snippets SET futureProp = 'kept' WHERE id = 'v'");
        }

        assertEquals(1, s.visitSnippet("v", T0.plusSeconds(1)).orElseThrow().visitCount());

        try (Connection c = raw()) {
            assertEquals("kept", scalar(c, "SELECT futureProp FROM pg_snippets WHERE id = 'v'"));
        }
    }

    @Test
    void concurrentVisitsAreAllCounted() throws Exception {
        SqliteStore s = store();
        s.saveSnippet(snippet("hot", "", 2));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> visits = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                visits.add(pool.submit(() -> s.visitSnippet("hot", T0)));
            }
            for (Future<?> f : visits) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(400, s.findSnippet("hot").orElseThrow().visitCount());
    }

    @Test
    void dataSurvivesARestart() {
        SqliteStore first = store();
        Snippet saved = snippet("kept", "k", 2);
        first.saveSnippet(saved);
        first.close();

        assertEquals(saved, store().findSnippet("kept").orElseThrow());
    }

    @Test
    void aWriteLockHeldElsewhereIsUnavailableAndTheStoreRecovers() throws Exception {
        SqliteStore s = store(100);
        s.countSnippets();
        try (Connection other = raw(); Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> s.saveSnippet(snippet("x", "", 1)));
            assertFalse(e.getMessage().contains("pg_"), e.getMessage());
            st.execute("ROLLBACK");
        }
        assertTrue(s.saveSnippet(snippet("x", "", 1)));
    }

    @Test
    void aMissingFileOrUnknownEnumIsInternal() throws Exception {
        SqliteStore s = store();
        s.saveSnippet(snippet("hole", "", 2));
        s.saveSnippet(snippet("odd", "", 1));
        try (Connection c = raw(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM pg_files WHERE id = 'hole_1'");
            st.executeUpdate("UPDATE pg_snippets SET sdk = 'SDK_COBOL' WHERE id = 'odd'");
        }
        assertThrows(InternalException.class, () -> s.findSnippet("hole"));
        assertThrows(InternalException.class, () -> s.findSnippet("odd"));
    }

    @Test
    void aPathWithAQuestionMarkIsRejectedBeforeAnythingOpens() {
        BackendConfigException e = assertThrows(BackendConfigException.class,
                () -> new SqliteBackendProvider().open(Map.of("path", dir.resolve("x.db?mode=ro").toString())));
        assertTrue(e.getMessage().startsWith("backend.path"), e.getMessage());
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                out.add(rs.getString("name"));
            }
        }
        return out;
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
