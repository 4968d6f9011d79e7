package dev.beamplayground.store;

import static dev.beamplayground.testing.CatalogFixtures.changed;
import static dev.beamplayground.testing.CatalogFixtures.example;
import static dev.beamplayground.testing.CatalogFixtures.withDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.migration.InitialVersion;
import dev.beamplayground.migration.MigrationContext;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.NextMinorCodec;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyBag;
import dev.beamplayground.versioning.PropertyValue;
import dev.beamplayground.versioning.SdkCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog role of the persistence port; every backend runs it. Each test starts on empty storage;
 * {@link #newStore(Codecs)} opens another store (another code version, say) on the same storage.
 */
public abstract class CatalogStoreContract {
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");
    private static final String NOTE = "written by N+1";

    protected PlaygroundStore store;
    private final List<PlaygroundStore> opened = new ArrayList<>();

    /** A store on this test's storage, reading and writing through {@code codecs}. */
    protected abstract PlaygroundStore newStore(Codecs codecs);

    @BeforeEach
    void open() {
        store = open(Codecs.current());
    }

    @AfterEach
    void close() {
        opened.forEach(PlaygroundStore::close);
    }

    private PlaygroundStore open(Codecs codecs) {
        PlaygroundStore s = newStore(codecs);
        opened.add(s);
        return s;
    }

    private static List<CatalogItem> sorted(CatalogSnapshot s) {
        return s.items().stream().sorted(Comparator.comparing(i -> i.example().id())).toList();
    }

    @Test
    void anEmptyStoreHasVersionZeroAndNoExamples() {
        assertEquals(0, store.catalogVersion());
        CatalogSnapshot s = store.readCatalog();
        assertEquals(0, s.version());
        assertTrue(s.items().isEmpty());
    }

    @Test
    void writesAndReadsTheWholeCatalog() {
        LoadedExample wordCount = withDataset(example(Sdk.SDK_JAVA, "WordCount", 3, List.of("Core", "IO")), "CountWords");
        LoadedExample minimal = example(Sdk.SDK_GO, "Minimal", "Core");
        store.saveSdks(List.of(new SdkInfo(Sdk.SDK_JAVA, "WordCount"), new SdkInfo(Sdk.SDK_GO, "Minimal")));
        store.saveDatasets(List.of(new Dataset("CountWords", "/datasets/CountWords.avro")));
        store.saveExamples(List.of(wordCount, minimal));
        assertEquals(1, store.bumpCatalogVersion());
        assertEquals(2, store.bumpCatalogVersion());

        CatalogSnapshot s = store.readCatalog();
        assertEquals(2, s.version());
        assertEquals(Set.of(new SdkInfo(Sdk.SDK_JAVA, "WordCount"), new SdkInfo(Sdk.SDK_GO, "Minimal")), Set.copyOf(s.sdks()));
        assertEquals(List.of(new Dataset("CountWords", "/datasets/CountWords.avro")), s.datasets());
        List<CatalogItem> items = sorted(s);
        assertEquals(2, items.size());
        assertEquals(new CatalogItem(minimal.example(), "--output=out.txt", Complexity.COMPLEXITY_MEDIUM, 1, 3, List.of()),
                items.get(0));
        assertEquals(new CatalogItem(wordCount.example(), "--output=out.txt", Complexity.COMPLEXITY_MEDIUM, 3, 5,
                wordCount.snippet().datasets()), items.get(1));
        assertEquals(Optional.of("output of WordCount"), store.precompiledObject("SDK_JAVA_WordCount", PrecompiledObject.Kind.OUTPUT));
        assertEquals(Optional.empty(), store.precompiledObject("SDK_JAVA_WordCount", PrecompiledObject.Kind.GRAPH));
        assertEquals(wordCount.snippet(), store.findSnippet("SDK_JAVA_WordCount").orElseThrow());
        assertEquals(Set.of("SDK_JAVA_WordCount", "SDK_GO_Minimal"), store.exampleIds(Origin.PG_EXAMPLES));
        assertEquals(Set.of(), store.exampleIds(Origin.TB_EXAMPLES));
    }

    @Test
    void replacingAnExampleDropsItsSurplusFilesAndOutputs() {
        LoadedExample three = example(Sdk.SDK_PYTHON, "Multi", 3, List.of("Core"));
        store.saveExamples(List.of(three));
        long filesBefore = store.countFiles();

        LoadedExample one = changed(example(Sdk.SDK_PYTHON, "Multi", 1, List.of("Core")), "now smaller");
        store.saveExamples(List.of(one));

        assertEquals(filesBefore - 2, store.countFiles());
        assertEquals(one.snippet(), store.findSnippet(one.id()).orElseThrow());
        assertEquals(Optional.empty(), store.precompiledObject(one.id(), PrecompiledObject.Kind.OUTPUT));
        assertEquals("now smaller", store.readCatalog().items().get(0).example().description());
    }

    @Test
    void deletingExamplesRemovesEverythingOfThem() {
        store.saveExamples(List.of(example(Sdk.SDK_JAVA, "A", 2, List.of("x")), example(Sdk.SDK_JAVA, "B", "x")));
        assertEquals(1, store.deleteExamples(List.of("SDK_JAVA_A", "SDK_JAVA_nothing")));
        assertEquals(Set.of("SDK_JAVA_B"), store.exampleIds(Origin.PG_EXAMPLES));
        assertEquals(1, store.countSnippets());
        assertEquals(1, store.countFiles());
        assertEquals(Optional.empty(), store.precompiledObject("SDK_JAVA_A", PrecompiledObject.Kind.LOG));
    }

    @Test
    void manyExamplesAreWrittenInBatches() {
        List<LoadedExample> many = new java.util.ArrayList<>();
        for (int i = 0; i < 260; i++) {
            many.add(example(Sdk.values()[i % 4], "Example" + i, 1 + i % 3, List.of("Category" + (i % 7))));
        }
        store.saveExamples(many);
        CatalogSnapshot s = store.readCatalog();
        assertEquals(260, s.items().size());
        assertEquals(260, store.deleteExamples(many.stream().map(LoadedExample::id).toList()));
        assertEquals(0, store.countFiles());
    }

    // --- versioned objects (issue 6) on the catalog kinds ---

    private static final LoadedExample WORD_COUNT = withDataset(example(Sdk.SDK_JAVA, "WordCount", 2, List.of("Core")),
            "CountWords");
    private static final Dataset COUNT_WORDS = new Dataset("CountWords", "/datasets/CountWords.avro");

    /** The stored object of each catalog kind {@link #load} writes, by kind: key. */
    private static final Map<String, String> LOADED_OBJECTS = Map.of(
            Example.KIND, WORD_COUNT.id(),
            Sdk.KIND, Sdk.SDK_JAVA.name(),
            Dataset.KIND, COUNT_WORDS.id(),
            PrecompiledObject.ENTITY_KIND, WORD_COUNT.id() + "_OUTPUT");

    /** What the example loader does, through {@code s}. */
    private static void load(PlaygroundStore s, LoadedExample example, SdkInfo sdk, Dataset dataset) {
        s.saveSdks(List.of(sdk));
        s.saveDatasets(List.of(dataset));
        s.saveExamples(List.of(example));
        s.bumpCatalogVersion();
    }

    /** This test's storage seen by the next code version: every catalog kind a minor newer, with one more property. */
    private PlaygroundStore nextVersion() {
        return open(NextMinorCodec.catalogOf(Codecs.current(), NOTE));
    }

    @Test
    void everyCatalogKindIsWrittenWithItsObjectVersion() {
        load(store, WORD_COUNT, new SdkInfo(Sdk.SDK_JAVA, "WordCount"), COUNT_WORDS);
        LOADED_OBJECTS.forEach((kind, key) -> assertEquals(store.codecs().writeVersion(kind),
                store.read(kind, key).orElseThrow().version(), kind));
        assertEquals(CatalogVersionObject.OBJECT_VERSION,
                store.read(CatalogVersionObject.KIND, CatalogVersionObject.KEY).orElseThrow().version());

        // 1.0 is also what an entity without objVer reads as: only a writer of another version shows it is stored.
        load(nextVersion(), WORD_COUNT, new SdkInfo(Sdk.SDK_JAVA, "WordCount"), COUNT_WORDS);
        LOADED_OBJECTS.forEach((kind, key) -> assertEquals(ObjectVersion.of(1, 1),
                store.read(kind, key).orElseThrow().version(), kind));
    }

    @Test
    void aCatalogWrittenByTheNextMinorVersionWithAPropertyThisCodeDoesNotKnowIsRead() {
        load(nextVersion(), WORD_COUNT, new SdkInfo(Sdk.SDK_JAVA, "WordCount"), COUNT_WORDS);

        CatalogSnapshot s = store.readCatalog();

        assertEquals(1, s.version());
        assertEquals(List.of(new SdkInfo(Sdk.SDK_JAVA, "WordCount")), s.sdks());
        assertEquals(List.of(COUNT_WORDS), s.datasets());
        assertEquals(List.of(new CatalogItem(WORD_COUNT.example(), "--output=out.txt", Complexity.COMPLEXITY_MEDIUM, 2, 4,
                WORD_COUNT.snippet().datasets())), s.items());
        assertEquals(Optional.of("output of WordCount"), store.precompiledObject(WORD_COUNT.id(), PrecompiledObject.Kind.OUTPUT));
        LOADED_OBJECTS.forEach((kind, key) -> assertEquals(NOTE,
                store.read(kind, key).orElseThrow().properties().text(NextMinorCodec.NOTE, null), kind));
    }

    @Test
    void reloadingOverTheNextVersionsCatalogKeepsThePropertiesThisCodeDoesNotKnow() {
        PlaygroundStore next = nextVersion();
        load(next, WORD_COUNT, new SdkInfo(Sdk.SDK_JAVA, "WordCount"), COUNT_WORDS);
        LoadedExample changed = changed(WORD_COUNT, "now different");
        changed = new LoadedExample(changed.example(), changed.snippet(),
                List.of(new PrecompiledObject(WORD_COUNT.id(), PrecompiledObject.Kind.OUTPUT, "new output")));

        load(store, changed, new SdkInfo(Sdk.SDK_JAVA, "Other"), new Dataset("CountWords", "/datasets/v2.avro"));

        LOADED_OBJECTS.forEach((kind, key) -> {
            VersionedObject o = store.read(kind, key).orElseThrow();
            assertEquals(store.codecs().writeVersion(kind), o.version(), kind);
            assertEquals(NOTE, o.properties().text(NextMinorCodec.NOTE, null), kind);
        });
        CatalogSnapshot seenByNext = next.readCatalog();
        assertEquals(2, seenByNext.version());
        assertEquals("now different", seenByNext.items().get(0).example().description());
        assertEquals(List.of(new SdkInfo(Sdk.SDK_JAVA, "Other")), seenByNext.sdks());
        assertEquals(List.of(new Dataset("CountWords", "/datasets/v2.avro")), seenByNext.datasets());
        assertEquals(Optional.of("new output"), next.precompiledObject(WORD_COUNT.id(), PrecompiledObject.Kind.OUTPUT));
    }

    @Test
    void theCatalogVersionKeepsPropertiesThisCodeDoesNotKnow() {
        store.bumpCatalogVersion();
        store.write(CatalogVersionObject.KIND, CatalogVersionObject.KEY, stored -> stored.map(o -> new VersionedObject(
                o.kind(), o.key(), ObjectVersion.of(1, 1), o.properties().with("loadedBy", new PropertyValue.Text("ci")))));

        assertEquals(2, store.bumpCatalogVersion());

        VersionedObject o = store.read(CatalogVersionObject.KIND, CatalogVersionObject.KEY).orElseThrow();
        assertEquals(2, CatalogVersionObject.version(o));
        assertEquals("ci", o.properties().text("loadedBy", null));
    }

    @Test
    void anSdkThisCodeDoesNotKnowIsLeftOut() {
        store.saveSdks(List.of(new SdkInfo(Sdk.SDK_GO, "Minimal")));
        store.write(Sdk.KIND, "SDK_RUST", ignored -> Optional.of(new VersionedObject(Sdk.KIND, "SDK_RUST",
                ObjectVersion.of(1, 1), PropertyBag.builder().text(SdkCodec.DEFAULT_EXAMPLE, "Hello").build())));

        assertEquals(List.of(new SdkInfo(Sdk.SDK_GO, "Minimal")), store.readCatalog().sdks());
    }

    /** The initial migration (0.0.1) and the loader write pg_sdks alike; neither undoes the other. */
    @Test
    void theInitialMigrationAndTheLoaderWriteTheSameSdkEntities() {
        MigrationContext context = new MigrationContext(store, 10, FAR, Clock.systemUTC(), MigrationContext.Listener.NONE);
        assertEquals(4, new InitialVersion().migrate(context).done());
        VersionedObject migrated = store.read(Sdk.KIND, Sdk.SDK_JAVA.name()).orElseThrow();

        store.saveSdks(List.of(new SdkInfo(Sdk.SDK_JAVA, "WordCount")));
        VersionedObject loaded = store.read(Sdk.KIND, Sdk.SDK_JAVA.name()).orElseThrow();

        assertEquals(migrated.version(), loaded.version());
        assertEquals(migrated.properties().names(), loaded.properties().names());
        assertEquals(0, new InitialVersion().migrate(context).done());
        assertEquals(List.of(new SdkInfo(Sdk.SDK_JAVA, "WordCount"), new SdkInfo(Sdk.SDK_PYTHON, ""),
                new SdkInfo(Sdk.SDK_GO, ""), new SdkInfo(Sdk.SDK_SCIO, "")).stream()
                .sorted(Comparator.comparing(SdkInfo::sdk)).toList(), store.readCatalog().sdks().stream()
                .sorted(Comparator.comparing(SdkInfo::sdk)).toList());
    }
}
