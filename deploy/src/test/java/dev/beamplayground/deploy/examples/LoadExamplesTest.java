package dev.beamplayground.deploy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.api.v1.Categories;
import dev.beamplayground.api.v1.GetPrecompiledObjectsResponse;
import dev.beamplayground.api.v1.PrecompiledObject;
import dev.beamplayground.catalog.CatalogPublisher;
import dev.beamplayground.catalog.CatalogService;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on the examples shipped in deploy/examples, into SQLite, read back through the catalog service. */
class LoadExamplesTest {
    static final Path SHIPPED = Path.of("examples");

    @TempDir
    Path dir;
    private ApplicationContext context;

    @BeforeEach
    void start() {
        context = ApplicationContext.run(Map.of("backend.module", "sqlite",
                "backend.path", dir.resolve("store.db").toString()));
    }

    @AfterEach
    void stop() {
        context.close();
    }

    private List<String> listing() throws Exception {
        GetPrecompiledObjectsResponse.Builder b = GetPrecompiledObjectsResponse.newBuilder();
        JsonFormat.parser().merge(new String(context.getBean(CatalogService.class).listing(null, "").json(),
                StandardCharsets.UTF_8), b);
        List<String> out = new ArrayList<>();
        for (Categories c : b.getSdkCategoriesList()) {
            for (Categories.Category category : c.getCategoriesList()) {
                for (PrecompiledObject o : category.getPrecompiledObjectsList()) {
                    out.add(category.getCategoryName() + "/" + o.getCloudPath() + (o.getDefaultExample() ? " (default)" : "")
                            + (o.getMultifile() ? " (multifile)" : ""));
                }
            }
        }
        return out;
    }

    @Test
    void theShippedExamplesMakeTheCatalog() throws Exception {
        CatalogPublisher.Result result = LoadExamples.load(context, SHIPPED);
        assertEquals(5, result.written());
        assertEquals(1, result.version());
        assertEquals(List.of(
                "IO/SDK_JAVA_WordCount (default)",
                "Quickstart/SDK_JAVA_MinimalWordCount",
                "Quickstart/SDK_JAVA_WordCount (default)",
                "Quickstart/SDK_GO_WordCount (default)",
                "Core Transforms/SDK_PYTHON_CountPerElement",
                "IO/SDK_PYTHON_WordCount (default) (multifile)",
                "Quickstart/SDK_PYTHON_WordCount (default) (multifile)"), listing());

        PlaygroundStore store = context.getBean(PlaygroundStore.class);
        Snippet python = store.findSnippet("SDK_PYTHON_WordCount").orElseThrow();
        assertEquals(List.of("wordcount.py", "words.py"), python.files().stream().map(f -> f.name()).toList());
        assertTrue(python.files().get(0).main());
        assertEquals(20, python.files().get(0).contextLine());
        assertEquals("--output counts", python.pipelineOptions());
        assertEquals(Origin.PG_EXAMPLES, python.origin());
        assertTrue(store.precompiledObject("SDK_JAVA_WordCount", dev.beamplayground.domain.PrecompiledObject.Kind.GRAPH)
                .orElseThrow().startsWith("digraph"));
        assertEquals(Sdk.SDK_JAVA, store.findSnippet("SDK_JAVA_MinimalWordCount").orElseThrow().sdk());
    }

    @Test
    void aSecondLoadRemovesWhatDisappearedAndKeepsTheRest() throws Exception {
        Path copy = copyOf(SHIPPED);
        LoadExamples.load(context, copy);
        deleteTree(copy.resolve("java").resolve("MinimalWordCount"));
        Path meta = copy.resolve("go").resolve("WordCount").resolve(ExampleDirectory.METADATA);
        Files.writeString(meta, Files.readString(meta).replace("\"Quickstart\"", "\"Basics\""));

        CatalogPublisher.Result second = LoadExamples.load(context, copy);
        assertEquals(2, second.version());
        assertEquals(1, second.deleted());
        List<String> after = listing();
        assertTrue(after.contains("Basics/SDK_GO_WordCount (default)"), after.toString());
        assertTrue(after.stream().noneMatch(l -> l.contains("MinimalWordCount")), after.toString());
        assertEquals(Set.of("SDK_JAVA_WordCount", "SDK_GO_WordCount", "SDK_PYTHON_WordCount", "SDK_PYTHON_CountPerElement"),
                context.getBean(PlaygroundStore.class).exampleIds(Origin.PG_EXAMPLES));
    }

    @Test
    void anInvalidExampleStopsTheLoadBeforeAnythingIsWritten() throws Exception {
        Path copy = copyOf(SHIPPED);
        Path meta = copy.resolve("java").resolve("WordCount").resolve(ExampleDirectory.METADATA);
        Files.writeString(meta, Files.readString(meta).replace("\"contextLine\"", "\"contextLien\""));
        InvalidExampleException e = assertThrows(InvalidExampleException.class, () -> LoadExamples.load(context, copy));
        assertTrue(e.getMessage().contains("unknown field 'contextLien'"), e.getMessage());
        assertEquals(0, context.getBean(PlaygroundStore.class).catalogVersion());
        assertEquals(0, context.getBean(PlaygroundStore.class).countSnippets());

        Files.writeString(meta, "{\"name\":\"X\",\"sdk\":\"SDK_COBOL\",\"categories\":[\"a\"]}");
        assertTrue(assertThrows(InvalidExampleException.class, () -> LoadExamples.load(context, copy))
                .getMessage().contains("sdk must be one of"));
    }

    private Path copyOf(Path source) throws IOException {
        Path target = dir.resolve("examples");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return target;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
