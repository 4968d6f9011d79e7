package dev.beamplayground.store.event;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.CatalogItem;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.CatalogVersionObject;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ObjectCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog role of the event backend: examples, their snippets and outputs, SDKs, datasets and the
 * catalog version, read from the view. {@link #readCatalog} takes 8 calls (the counter before and after,
 * the version, SDKs, example ids, examples, their snippets, their files, datasets), repeated when a
 * write landed in between.
 */
final class EventCatalog {
    private final View view;
    private final Writer writer;
    private final Codecs codecs;
    private final SnippetObjects objects;

    EventCatalog(View view, Writer writer, Codecs codecs, SnippetObjects objects) {
        this.view = view;
        this.writer = writer;
        this.codecs = codecs;
        this.objects = objects;
    }

    long catalogVersion() {
        return CatalogVersionObject.version(view.object(CatalogVersionObject.KIND, CatalogVersionObject.KEY));
    }

    /** Everything from one transaction of the view, so the data is exactly as new as the version. */
    CatalogSnapshot readCatalog() {
        return view.consistent(() -> {
            long version = catalogVersion();
            List<SdkInfo> sdks = new ArrayList<>();
            // only SDKs this code knows, in their order
            view.objects(Sdk.KIND, Arrays.stream(Sdk.values()).map(Sdk::name).toList()).values()
                    .forEach(o -> sdks.add(codecs.sdks().read(o)));
            List<String> ids = view.examplesOf(Origin.PG_EXAMPLES.name());
            Map<String, VersionedObject> examples = view.objects(Example.KIND, ids);
            Map<String, VersionedObject> snippets = view.objects(Snippet.KIND, ids);
            List<String> fileKeys = new ArrayList<>();
            snippets.values().forEach(o -> fileKeys.addAll(SnippetObjects.fileKeys(o)));
            Map<String, VersionedObject> files = view.objects(Snippet.FILE_KIND, fileKeys);
            List<CatalogItem> items = new ArrayList<>();
            Set<String> datasetIds = new TreeSet<>();
            for (String id : ids) {
                VersionedObject stored = examples.get(id);
                if (stored == null) {
                    throw new View.TornRead("an indexed example is missing");
                }
                Example example = codecs.examples().read(stored);
                VersionedObject snippetObject = snippets.get(id);
                if (snippetObject == null) {
                    items.add(new CatalogItem(example, "", Complexity.COMPLEXITY_UNSPECIFIED, 0, 0, List.of()));
                    continue;
                }
                Snippet s = objects.snippet(snippetObject, files);
                int contextLine = s.files().stream().filter(SnippetFile::main).findFirst()
                        .map(SnippetFile::contextLine).orElse(0);
                s.datasets().forEach(d -> datasetIds.add(d.datasetId()));
                items.add(new CatalogItem(example, s.pipelineOptions(), s.complexity(), s.files().size(),
                        contextLine, s.datasets()));
            }
            List<Dataset> datasets = new ArrayList<>();
            view.objects(Dataset.KIND, List.copyOf(datasetIds)).values()
                    .forEach(d -> datasets.add(codecs.datasets().read(d)));
            return new CatalogSnapshot(version, sdks, items, datasets);
        });
    }

    Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        Objects.requireNonNull(exampleId, "exampleId");
        String key = new PrecompiledObject(exampleId, kind, "").key();
        return Optional.ofNullable(view.object(PrecompiledObject.ENTITY_KIND, key))
                .map(o -> codecs.precompiledObjects().read(o).content());
    }

    Set<String> exampleIds(Origin origin) {
        Objects.requireNonNull(origin, "origin");
        return new TreeSet<>(view.examplesOf(origin.name()));
    }

    /** A transaction per batch of examples: each example, its snippet, files and outputs go whole. */
    void saveExamples(List<LoadedExample> examples) {
        for (List<LoadedExample> chunk : Writer.batches(examples)) {
            writer.write(reads -> {
                List<String> ids = chunk.stream().map(LoadedExample::id).toList();
                reads.prefetch(Example.KIND, ids);
                reads.prefetch(Snippet.KIND, ids);
                reads.prefetchVisits(ids);
                reads.prefetch(PrecompiledObject.ENTITY_KIND, outputKeys(ids));
                List<Event> events = new ArrayList<>();
                for (LoadedExample e : chunk) {
                    events.add(Event.put(writeOver(reads, codecs.examples(), e.id(), e.example())));
                    EventStore.putChanged(reads, objects, e.snippet(), events);
                    Set<PrecompiledObject.Kind> present = EnumSet.noneOf(PrecompiledObject.Kind.class);
                    for (PrecompiledObject o : e.outputs()) {
                        present.add(o.kind());
                        events.add(Event.put(writeOver(reads, codecs.precompiledObjects(), o.key(), o)));
                    }
                    for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                        String key = new PrecompiledObject(e.id(), kind, "").key();
                        if (!present.contains(kind) && reads.get(PrecompiledObject.ENTITY_KIND, key) != null) {
                            events.add(Event.tombstone(PrecompiledObject.ENTITY_KIND, key));
                        }
                    }
                }
                return new Writer.Change<>(events, null);
            });
        }
    }

    int deleteExamples(Collection<String> ids) {
        int deleted = 0;
        for (List<String> chunk : Writer.batches(List.copyOf(new LinkedHashSet<>(ids)))) {
            deleted += writer.write(reads -> {
                reads.prefetch(Example.KIND, chunk);
                reads.prefetch(Snippet.KIND, chunk);
                reads.prefetch(PrecompiledObject.ENTITY_KIND, outputKeys(chunk));
                List<Event> events = new ArrayList<>();
                int found = 0;
                for (String id : chunk) {
                    if (reads.get(Example.KIND, id) == null) {
                        continue;
                    }
                    found++;
                    events.add(Event.tombstone(Example.KIND, id));
                    VersionedObject snippet = reads.get(Snippet.KIND, id);
                    if (snippet != null) {
                        SnippetObjects.deleteWithFiles(snippet, events);
                    }
                    for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                        String key = new PrecompiledObject(id, kind, "").key();
                        if (reads.get(PrecompiledObject.ENTITY_KIND, key) != null) {
                            events.add(Event.tombstone(PrecompiledObject.ENTITY_KIND, key));
                        }
                    }
                }
                return new Writer.Change<>(events, found);
            });
        }
        return deleted;
    }

    void saveSdks(List<SdkInfo> sdks) {
        writer.write(reads -> new Writer.Change<>(sdks.stream()
                .map(s -> Event.put(writeOver(reads, codecs.sdks(), s.sdk().name(), s)))
                .toList(), null));
    }

    void saveDatasets(List<Dataset> datasets) {
        for (List<Dataset> chunk : Writer.batches(datasets)) {
            writer.write(reads -> new Writer.Change<>(chunk.stream()
                    .map(d -> Event.put(writeOver(reads, codecs.datasets(), d.id(), d)))
                    .toList(), null));
        }
    }

    /** Compare-and-append makes the increment atomic among instances. */
    long bumpCatalogVersion() {
        return writer.write(reads -> {
            VersionedObject version = CatalogVersionObject.bumped(
                    reads.get(CatalogVersionObject.KIND, CatalogVersionObject.KEY), Instant.now());
            return new Writer.Change<>(List.of(Event.put(version)), CatalogVersionObject.version(version));
        });
    }

    private static List<String> outputKeys(List<String> exampleIds) {
        List<String> keys = new ArrayList<>();
        for (String id : exampleIds) {
            for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                keys.add(new PrecompiledObject(id, kind, "").key());
            }
        }
        return keys;
    }

    /** {@code value} at the pinned version over the stored object (inside a write), unknown properties kept. */
    private <T> VersionedObject writeOver(Reads reads, ObjectCodec<T> codec, String key, T value) {
        return codec.writeOver(reads.get(codec.kind(), key), key, value, codecs.writeVersion(codec.kind()));
    }
}
