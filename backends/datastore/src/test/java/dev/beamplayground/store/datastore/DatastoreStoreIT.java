package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.EntityValue;
import com.google.cloud.datastore.FullEntity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Value;
import com.google.cloud.datastore.ValueType;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only the Datastore backend promises: Beam's exact schema, and Datastore's limits met by batching. */
@ExtendWith(DatastoreEmulatorExtension.class)
class DatastoreStoreIT {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static int namespaces;
    private static DatastoreEmulator emulator;

    private String namespace;
    private PlaygroundStore store;
    private Datastore raw;
    private SnippetMapper mapper;

    @BeforeAll
    static void emulator(DatastoreEmulator shared) {
        emulator = shared;
    }

    @BeforeEach
    void open() {
        namespace = "ds" + ++namespaces;
        store = new DatastoreBackendProvider().open(Map.of("namespace", namespace,
                "project-id", emulator.projectId(), "emulator-host", emulator.host()));
        raw = emulator.client(namespace);
        mapper = new SnippetMapper(emulator.projectId(), namespace);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void entitiesCarryBeamsKindsPropertyNamesAndTypes() {
        Snippet s = new Snippet("schema1", Sdk.SDK_JAVA, "--x=1", Complexity.COMPLEXITY_BASIC, "tob-1",
                Origin.TB_USER, "owner", T0, T0, 0, SchemaVersion.CURRENT,
                List.of(new SnippetFile("Main.java", "class Main {}", true, 3),
                        new SnippetFile("Util.java", "class Util {}", false, 0)),
                List.of(new DatasetRef("CountWords", "kafka", Map.of("topic", "words"))));
        store.saveSnippet(s);

        Entity e = raw.get(key("pg_snippets", "schema1"));
        assertEquals(Set.of("ownerId", "sdk", "pipeOpts", "created", "lVisited", "origin", "visitCount", "schVer",
                "numberOfFiles", "complexity", "persistenceKey", "datasets", "objVer"), e.getNames());
        // The object version is beside Beam's schVer (a key of pg_schema_versions), not in it.
        assertEquals("1.1", e.getString("objVer"));
        assertEquals(key("pg_sdks", "SDK_JAVA"), e.getKey("sdk"));
        assertEquals(key("pg_schema_versions", SchemaVersion.CURRENT), e.getKey("schVer"));
        assertEquals("--x=1", e.getString("pipeOpts"));
        assertTrue(e.getValue("pipeOpts").excludeFromIndexes());
        assertEquals(Timestamp.parseTimestamp("2026-01-02T03:04:05.678Z"), e.getTimestamp("created"));
        assertEquals(ValueType.TIMESTAMP, e.getValue("lVisited").getType());
        assertEquals("TB_USER", e.getString("origin"));
        assertEquals(0L, e.getLong("visitCount"));
        assertEquals(2L, e.getLong("numberOfFiles"));
        assertEquals("COMPLEXITY_BASIC", e.getString("complexity"));
        assertEquals("tob-1", e.getString("persistenceKey"));
        assertFalse(e.getValue("persistenceKey").excludeFromIndexes(), "queried by persistenceKey");
        List<Value<?>> datasets = e.getList("datasets");
        assertEquals(1, datasets.size());
        FullEntity<?> d = ((EntityValue) datasets.get(0)).get();
        assertEquals(Set.of("config", "dataset", "emulator"), d.getNames());
        assertEquals("{\"topic\":\"words\"}", d.getString("config"));
        assertTrue(d.getValue("config").excludeFromIndexes());
        assertEquals(key("pg_datasets", "CountWords"), d.getKey("dataset"));
        assertEquals("kafka", d.getString("emulator"));

        Entity f0 = raw.get(key("pg_files", "schema1_0"));
        Entity f1 = raw.get(key("pg_files", "schema1_1"));
        assertEquals(Set.of("content", "cntxLine", "isMain", "name", "objVer"), f0.getNames());
        assertEquals("class Main {}", f0.getString("content"));
        assertTrue(f0.getValue("content").excludeFromIndexes());
        assertEquals(3L, f0.getLong("cntxLine"));
        assertTrue(f0.getBoolean("isMain"));
        assertEquals("Main.java", f0.getString("name"));
        assertEquals("Util.java", f1.getString("name"));
        assertFalse(f1.getBoolean("isMain"));
    }

    @Test
    void emptyPersistenceKeyAndDatasetsAreOmittedAsBeamDoes() {
        store.saveSnippet(snippet("plain", "", 1, T0));
        Set<String> names = raw.get(key("pg_snippets", "plain")).getNames();
        assertFalse(names.contains("persistenceKey"));
        assertFalse(names.contains("datasets"));
    }

    @Test
    void readsOlderEntitiesAndKeepsUnknownPropertiesWhenCountingAVisit() {
        // As an older Beam schema wrote it: no complexity, persistenceKey or datasets; plus a newer property.
        raw.put(Entity.newBuilder(key("pg_snippets", "beam1"))
                .set("ownerId", "")
                .set("sdk", key("pg_sdks", "SDK_GO"))
                .set("pipeOpts", "")
                .set("created", Timestamp.parseTimestamp("2022-05-01T00:00:00Z"))
                .set("lVisited", Timestamp.parseTimestamp("2022-05-02T00:00:00Z"))
                .set("origin", "PG_USER")
                .set("visitCount", 7)
                .set("schVer", key("pg_schema_versions", "0.0.1"))
                .set("numberOfFiles", 1)
                .set("futureProperty", "kept")
                .build());
        raw.put(Entity.newBuilder(key("pg_files", "beam1_0"))
                .set("content", "package main").set("cntxLine", 0).set("isMain", true).set("name", "main.go")
                .build());

        Snippet read = store.visitSnippet("beam1", T0).orElseThrow();

        assertEquals(Complexity.COMPLEXITY_UNSPECIFIED, read.complexity());
        assertEquals("", read.persistenceKey());
        assertEquals(List.of(), read.datasets());
        assertEquals(8, read.visitCount());
        assertEquals(List.of(new SnippetFile("main.go", "package main", true, 0)), read.files());
        Entity after = raw.get(key("pg_snippets", "beam1"));
        assertEquals("kept", after.getString("futureProperty"));
        assertEquals(8L, after.getLong("visitCount"));
        assertEquals(Timestamp.parseTimestamp("2026-01-02T03:04:05.678Z"), after.getTimestamp("lVisited"));
    }

    @Test
    void replacingOldSnippetsThatNeedMoreThanOneCommitDeletesTheSurplusFirst() {
        // 30 old snippets of 20 files under one key (only possible with writes from elsewhere, e.g. a race
        // under an older version): 630 deletions.
        List<Entity> old = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Snippet s = snippet("old" + i, "heavy", 20, T0.plusSeconds(i));
            old.add(Cloud.entity(mapper.toEntity(s)));
            old.addAll(List.of(Cloud.entities(mapper.toFileEntities(s))));
        }
        for (int from = 0; from < old.size(); from += 400) {
            raw.put(old.subList(from, Math.min(old.size(), from + 400)).toArray(Entity[]::new));
        }
        assertEquals(600, store.countFiles());

        assertTrue(store.saveSnippet(snippet("new", "heavy", 2, T0.plusSeconds(100))));

        assertEquals(List.of("new"), store.snippetIdsByPersistenceKey("heavy"));
        assertEquals(1, store.countSnippets());
        assertEquals(2, store.countFiles());
    }

    @Test
    void surplusIsTheOldestSnippetsUntilTheRestFitsOneCommit() {
        List<dev.beamplayground.store.datastore.wire.Entity> others = List.of(
                mapper.toEntity(snippet("c", "k", 300, T0.plusSeconds(2))),
                mapper.toEntity(snippet("a", "k", 300, T0)),
                mapper.toEntity(snippet("b", "k", 300, T0.plusSeconds(1))));
        long mutations = 3 + 3 * 301; // the new snippet with 2 files, then 906 -> 605 -> 304

        List<dev.beamplayground.store.datastore.wire.Key> surplus = DatastoreSnippets.surplus(others, mutations);

        assertEquals(List.of("a", "b"), surplus.stream().map(Keys::name).toList());
    }

    @Test
    void aSnippetWithTheMostFilesOneCommitHoldsReplacesAnOlderOne() {
        store.saveSnippet(snippet("small", "k", 10, T0));

        assertTrue(store.saveSnippet(snippet("wide", "k", DatastoreLimits.MAX_FILES, T0.plusSeconds(1))));

        assertEquals(List.of("wide"), store.snippetIdsByPersistenceKey("k"));
        assertEquals(DatastoreLimits.MAX_FILES, store.countFiles());
        assertEquals(DatastoreLimits.MAX_FILES, store.findSnippet("wide").orElseThrow().files().size());
    }

    @Test
    void aSnippetThatCannotBeWrittenInOneCommitIsRefusedBeforeAnythingIsWritten() {
        assertThrows(InvalidArgumentException.class,
                () -> store.saveSnippet(snippet("huge", "", DatastoreLimits.MAX_FILES + 1, T0)));
        assertEquals(0, store.countSnippets());
        assertEquals(0, store.countFiles());
    }

    @Test
    void deletesASnippetWithMoreFilesThanOneCommitHolds() {
        Snippet s = snippet("legacy", "", 1200, T0);
        List<Entity> all = new ArrayList<>(List.of(Cloud.entities(mapper.toFileEntities(s))));
        all.add(Cloud.entity(mapper.toEntity(s)));
        for (int from = 0; from < all.size(); from += 400) {
            raw.put(all.subList(from, Math.min(all.size(), from + 400)).toArray(Entity[]::new));
        }
        store.saveSnippet(snippet("other", "", 1, T0));

        assertEquals(1200, store.findSnippet("legacy").orElseThrow().files().size(), "lookups batched by 1000");
        assertEquals(2, store.deleteSnippets(List.of("legacy", "other", "legacy")));

        assertEquals(0, store.countSnippets());
        assertEquals(0, store.countFiles());
    }

    @Test
    void concurrentVisitsAreAllCounted() throws Exception {
        store.saveSnippet(snippet("busy", "", 2, T0));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> visits = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Instant at = T0.plusSeconds(i);
                visits.add(pool.submit(() -> assertEquals(2, store.visitSnippet("busy", at).orElseThrow().files().size())));
            }
            for (Future<?> v : visits) {
                v.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(12, store.findSnippet("busy").orElseThrow().visitCount());
    }

    @Test
    void idsDatastoreCannotStoreAreAbsentOrRefused() {
        assertTrue(store.findSnippet("").isEmpty());
        assertTrue(store.findSnippet("__reserved__").isEmpty());
        assertTrue(store.visitSnippet("x".repeat(1501), T0).isEmpty());
        assertEquals(List.of(), store.snippetIdsByPersistenceKey(""));
        assertEquals(0, store.deleteSnippets(List.of("", "__reserved__")));
        assertThrows(InvalidArgumentException.class, () -> store.saveSnippet(snippet("__reserved__", "", 1, T0)));
    }

    @Test
    void providerIsFoundByNameAndDefaultsToBeamsNamespace() {
        Backends.Selection selection = Backends.select(Map.of("module", "datastore",
                "project-id", emulator.projectId(), "emulator-host", emulator.host()));
        Datastore playground = emulator.client("Playground");
        try (PlaygroundStore defaults = selection.open()) {
            defaults.saveSnippet(snippet("in-default-ns", "", 1, T0));
        }
        assertTrue(playground.get(playground.newKeyFactory().setKind("pg_snippets").newKey("in-default-ns")) != null);
    }

    /**
     * The configured database reaches the client and every key the store builds: a snippet saved through
     * {@code database-id} "env-a" is found by a raw client of that database, whose keys carry it.
     */
    @Test
    void theConfiguredDatabaseReachesTheClientAndItsKeys() {
        try (PlaygroundStore inA = openIn("env-a")) {
            assertTrue(inA.saveSnippet(snippet("in-env-a", "", 1, T0)));
            assertTrue(inA.findSnippet("in-env-a").isPresent());
        }
        Datastore rawA = emulator.client(namespace, "env-a");
        Entity stored = rawA.get(rawA.newKeyFactory().setKind("pg_snippets").newKey("in-env-a"));
        assertTrue(stored != null, "saved in database env-a");
        assertEquals("env-a", stored.getKey().getDatabaseId());
    }

    /**
     * Two environments' databases in one project are apart: the emulator (like Firestore) keeps a data set
     * per database id, so neither another named database nor the default one sees env-a's snippet.
     */
    @Test
    void environmentsWithTheirOwnDatabasesDoNotSeeEachOthersSnippets() {
        try (PlaygroundStore inA = openIn("env-a"); PlaygroundStore inB = openIn("env-b");
             PlaygroundStore inDefault = openIn("(default)")) {
            assertTrue(inA.saveSnippet(snippet("only-in-a", "", 2, T0)));
            assertTrue(inB.findSnippet("only-in-a").isEmpty(), "env-b sees env-a's snippet");
            assertTrue(inDefault.findSnippet("only-in-a").isEmpty(), "the default database sees env-a's snippet");
            assertTrue(inA.findSnippet("only-in-a").isPresent());
        }
        assertTrue(raw.get(key("pg_snippets", "only-in-a")) == null, "written to the default database");
    }

    @Test
    void databaseIdDefaultsToTheDefaultDatabaseAndComesFromDatastoreDatabase() {
        assertEquals("(default)", DatastoreSettings.from(Map.of()).databaseId());
        assertEquals("", DatastoreSettings.from(Map.of()).clientDatabaseId());
        assertEquals("", DatastoreSettings.from(Map.of("database-id", "(default)")).clientDatabaseId());
        assertEquals("prod-playground",
                DatastoreSettings.from(Map.of("database-id", "prod-playground")).clientDatabaseId());
        assertEquals("staging-playground", Backends.select(Map.of("module", "datastore"),
                Map.of("DATASTORE_DATABASE", "staging-playground")).config().get("database-id"));
        for (String bad : List.of("Prod", "a", "has space", "-lead", "trail-", "(other)")) {
            BackendConfigException e = assertThrows(BackendConfigException.class,
                    () -> Backends.select(Map.of("module", "datastore", "database-id", bad)), bad);
            assertTrue(e.getMessage().contains("backend.database-id"), e.getMessage());
        }
    }

    private PlaygroundStore openIn(String databaseId) {
        return new DatastoreBackendProvider().open(Map.of("namespace", namespace, "database-id", databaseId,
                "project-id", emulator.projectId(), "emulator-host", emulator.host()));
    }

    @Test
    void badConfigurationIsRejectedNamingTheKey() {
        BackendConfigException badNamespace = assertThrows(BackendConfigException.class,
                () -> Backends.select(Map.of("module", "datastore", "namespace", "has space")));
        assertTrue(badNamespace.getMessage().contains("backend.namespace"), badNamespace.getMessage());
        BackendConfigException reserved = assertThrows(BackendConfigException.class,
                () -> Backends.select(Map.of("module", "datastore", "namespace", "__kind__")));
        assertTrue(reserved.getMessage().contains("backend.namespace"), reserved.getMessage());
        BackendConfigException badHost = assertThrows(BackendConfigException.class,
                () -> Backends.select(Map.of("module", "datastore", "emulator-host", "http://localhost:8081")));
        assertTrue(badHost.getMessage().contains("backend.emulator-host"), badHost.getMessage());
        BackendConfigException unknown = assertThrows(BackendConfigException.class,
                () -> Backends.select(Map.of("module", "datastore", "path", "/tmp/x.db")));
        assertTrue(unknown.getMessage().contains("path"), unknown.getMessage());
        Backends.select(Map.of("module", "datastore", "namespace", "", "emulator-host", "[::1]:8081"));
    }

    private Key key(String kind, String name) {
        return raw.newKeyFactory().setKind(kind).newKey(name);
    }

    private static Snippet snippet(String id, String persistenceKey, int files, Instant created) {
        List<SnippetFile> list = IntStream.range(0, files)
                .mapToObj(i -> new SnippetFile("F" + i + ".java", "class F" + i + " {}", i == 0, 0))
                .collect(Collectors.toCollection(ArrayList::new));
        return new Snippet(id, Sdk.SDK_JAVA, "", Complexity.COMPLEXITY_BASIC, persistenceKey,
                persistenceKey.isEmpty() ? Origin.PG_USER : Origin.TB_USER, "", created, created, 0,
                SchemaVersion.CURRENT, list, List.of());
    }
}
