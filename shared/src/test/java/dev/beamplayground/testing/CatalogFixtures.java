package dev.beamplayground.testing;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.PrecompiledObjectType;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.LoadedExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Examples as the loader would write them, for catalog tests. */
public final class CatalogFixtures {
    public static final Instant LOADED = Instant.parse("2026-02-03T04:05:06.789Z");

    private CatalogFixtures() {
    }

    /** An example with one main file (context line 3), an output and a log, in the given categories. */
    public static LoadedExample example(Sdk sdk, String name, String... categories) {
        return example(sdk, name, 1, List.of(categories));
    }

    /** An example with {@code files} files; the main file is file 0, with context line {@code files + 2}. */
    public static LoadedExample example(Sdk sdk, String name, int files, List<String> categories) {
        String id = Example.idOf(sdk, name);
        Example example = new Example(id, name, sdk, "About " + name, List.of("tag-" + name.toLowerCase(), "beam"),
                categories, "https://github.com/apache/beam/blob/master/" + name, PrecompiledObjectType.PRECOMPILED_OBJECT_TYPE_EXAMPLE,
                Origin.PG_EXAMPLES, SchemaVersion.CURRENT, "https://github.com/apache/beam/" + name, "",
                false, false);
        List<SnippetFile> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            list.add(new SnippetFile(i == 0 ? name + ".main" : name + i + ".lib", "code of " + name + " #" + i,
                    i == 0, i == 0 ? files + 2 : 0));
        }
        Snippet snippet = new Snippet(id, sdk, "--output=out.txt", Complexity.COMPLEXITY_MEDIUM, "", Origin.PG_EXAMPLES,
                "", LOADED, LOADED, 0, SchemaVersion.CURRENT, list, List.of());
        return new LoadedExample(example, snippet, List.of(
                new PrecompiledObject(id, PrecompiledObject.Kind.OUTPUT, "output of " + name),
                new PrecompiledObject(id, PrecompiledObject.Kind.LOG, "log of " + name)));
    }

    /** The same example using a Kafka dataset. */
    public static LoadedExample withDataset(LoadedExample e, String dataset) {
        Snippet s = e.snippet();
        Snippet withData = new Snippet(s.id(), s.sdk(), s.pipelineOptions(), s.complexity(), s.persistenceKey(),
                s.origin(), s.ownerId(), s.created(), s.lastVisited(), s.visitCount(), s.schemaVersion(), s.files(),
                List.of(new DatasetRef(dataset, "kafka", Map.of("topic", "dataset"))));
        return new LoadedExample(e.example(), withData, e.outputs());
    }

    /** The same example with another description and no outputs. */
    public static LoadedExample changed(LoadedExample e, String description) {
        Example x = e.example();
        return new LoadedExample(new Example(x.id(), x.name(), x.sdk(), description, x.tags(), x.categories(), x.path(),
                x.type(), x.origin(), x.schemaVersion(), x.urlVcs(), x.urlNotebook(), x.alwaysRun(), x.neverRun()),
                e.snippet(), List.of());
    }
}
