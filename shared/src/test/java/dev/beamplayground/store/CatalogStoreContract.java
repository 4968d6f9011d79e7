package dev.beamplayground.store;

import static dev.beamplayground.testing.CatalogFixtures.changed;
import static dev.beamplayground.testing.CatalogFixtures.example;
import static dev.beamplayground.testing.CatalogFixtures.withDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog role of the persistence port; every backend runs it. Each test starts on an empty store. */
public abstract class CatalogStoreContract {
    protected PlaygroundStore store;

    protected abstract PlaygroundStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
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
}
