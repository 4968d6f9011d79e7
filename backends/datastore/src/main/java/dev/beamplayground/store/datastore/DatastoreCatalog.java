package dev.beamplayground.store.datastore;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.snippet.Utf8;
import dev.beamplayground.store.CatalogItem;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.CatalogVersionObject;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ExampleCodec;
import dev.beamplayground.versioning.ObjectCodec;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog role of {@link DatastoreStore}. Every entity is read and written as a {@link VersionedObject}
 * through its codec ({@link EntityObjects}): written at the pinned object version with {@code objVer}, read
 * at the current, previous or a newer minor version, and a write over a stored entity keeps the properties
 * this code does not know. Every query filters on one property (built-in indexes, no composite index). A
 * catalog read takes, for E examples of which none has its main file elsewhere than at ordinal 0: 1 lookup
 * (version and SDKs) + the query's pages + ceil(2E/1000) lookups (snippets and main files) + 1 lookup of the
 * datasets used (when any), i.e. 4 calls up to 500 examples on one query page.
 */
final class DatastoreCatalog {
    /** A commit request is limited to 10 MiB; stay well below with whole examples. */
    static final long MAX_COMMIT_BYTES = 8L * 1024 * 1024;

    private final DatastoreCalls datastore;
    private final Transactions transactions;
    private final SnippetMapper snippets;
    private final EntityObjects objects;
    private final Codecs codecs;

    DatastoreCatalog(DatastoreClient.Connection c) {
        this.datastore = c.datastore();
        this.transactions = c.transactions();
        this.snippets = c.mapper();
        this.objects = c.objects();
        this.codecs = objects.codecs();
    }

    long catalogVersion() {
        return Transactions.call(() -> CatalogVersionObject.version(object(datastore.get(versionKey()))));
    }

    CatalogSnapshot readCatalog() {
        return Transactions.call(this::readAll);
    }

    private CatalogSnapshot readAll() {
        // 1. The version before the data, so the data is never older than the version it is cached under.
        List<Key> head = new ArrayList<>();
        head.add(versionKey());
        for (Sdk sdk : Sdk.values()) {
            head.add(objects.key(Sdk.KIND, sdk.name())); // only SDKs this code knows
        }
        List<Entity> headEntities = datastore.fetch(head);
        long catalogVersion = CatalogVersionObject.version(object(headEntities.get(0)));
        List<SdkInfo> sdkList = new ArrayList<>();
        for (Entity e : headEntities.subList(1, headEntities.size())) {
            if (e != null) {
                sdkList.add(codecs.sdks().read(objects.fromEntity(e)));
            }
        }
        // 2. The examples: one equality filter, served by the built-in index of origin.
        List<Example> exampleList = new ArrayList<>();
        datastore.run(Queries.of(Example.KIND)
                .setFilter(Queries.eq(ExampleCodec.ORIGIN, Values.text(Origin.PG_EXAMPLES.name()))).build())
                .forEach(e -> exampleList.add(codecs.examples().read(objects.fromEntity(e))));
        // 3. Snippets and their file 0 (where the loader puts the main file) in the same lookups.
        List<Key> keys = new ArrayList<>(exampleList.size() * 2);
        for (Example e : exampleList) {
            keys.add(snippets.snippetKey(e.id()));
            keys.add(snippets.fileKey(e.id(), 0));
        }
        List<Entity> found = datastore.fetch(keys);
        Map<String, VersionedObject> snippetById = new HashMap<>();
        Map<String, Integer> mainLine = new HashMap<>();
        List<Key> otherFiles = new ArrayList<>();
        for (int i = 0; i < exampleList.size(); i++) {
            String id = exampleList.get(i).id();
            VersionedObject snippet = object(found.get(2 * i));
            SnippetFile first = found.get(2 * i + 1) == null ? null
                    : codecs.files().read(objects.fromEntity(found.get(2 * i + 1)));
            if (snippet == null) {
                continue;
            }
            snippetById.put(id, snippet);
            long files = SnippetCodec.numberOfFiles(snippet);
            if (first != null && (first.main() || files <= 1)) {
                mainLine.put(id, first.contextLine());
            } else {
                List<Key> all = snippets.fileKeysOf(id, files);
                otherFiles.addAll(all.subList(Math.min(1, all.size()), all.size()));
            }
        }
        // 3b. Only for snippets written by others with the main file elsewhere.
        for (Entity e : datastore.fetch(otherFiles)) {
            if (e != null) {
                SnippetFile f = codecs.files().read(objects.fromEntity(e));
                if (f.main()) {
                    String key = Keys.name(e.getKey());
                    mainLine.put(key.substring(0, key.lastIndexOf('_')), f.contextLine());
                }
            }
        }
        List<CatalogItem> items = new ArrayList<>(exampleList.size());
        Set<String> datasetIds = new TreeSet<>();
        for (Example e : exampleList) {
            VersionedObject s = snippetById.get(e.id());
            if (s == null) {
                items.add(new CatalogItem(e, "", Complexity.COMPLEXITY_UNSPECIFIED, 0, 0, List.of()));
                continue;
            }
            Snippet summary = codecs.snippets().read(s);
            summary.datasets().forEach(d -> datasetIds.add(d.datasetId()));
            items.add(new CatalogItem(e, summary.pipelineOptions(), summary.complexity(),
                    (int) SnippetCodec.numberOfFiles(s), mainLine.getOrDefault(e.id(), 0), summary.datasets()));
        }
        // 4. The datasets the examples use.
        List<Dataset> datasetList = new ArrayList<>();
        List<Key> datasetKeys = datasetIds.stream().filter(DatastoreLimits::isKeyName)
                .map(id -> objects.key(Dataset.KIND, id)).toList();
        for (Entity d : datastore.fetch(datasetKeys)) {
            if (d != null) {
                datasetList.add(codecs.datasets().read(objects.fromEntity(d)));
            }
        }
        return new CatalogSnapshot(catalogVersion, sdkList, items, datasetList);
    }

    Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        String key = new PrecompiledObject(exampleId, kind, "").key();
        if (!DatastoreLimits.isKeyName(key)) {
            return Optional.empty();
        }
        return Transactions.call(() -> Optional.ofNullable(
                        object(datastore.get(objects.key(PrecompiledObject.ENTITY_KIND, key))))
                .map(o -> codecs.precompiledObjects().read(o).content()));
    }

    Set<String> exampleIds(Origin origin) {
        return Transactions.call(() -> {
            Set<String> ids = new TreeSet<>();
            datastore.run(Queries.keysOf(Example.KIND)
                    .setFilter(Queries.eq(ExampleCodec.ORIGIN, Values.text(origin.name()))).build())
                    .forEach(e -> ids.add(Keys.name(e.getKey())));
            return ids;
        });
    }

    /**
     * One lookup of what is stored under the examples' keys (example, snippet and its file count, outputs),
     * then non-transactional commits of whole examples, each at most 500 mutations and
     * {@link #MAX_COMMIT_BYTES}. The example and its outputs are written over the stored entities.
     */
    void saveExamples(List<LoadedExample> list) {
        for (LoadedExample e : list) {
            checkStorable(e);
        }
        List<Key> keys = new ArrayList<>(list.size() * (2 + PrecompiledObject.Kind.values().length));
        for (LoadedExample e : list) {
            keys.add(objects.key(Example.KIND, e.id()));
            keys.add(snippets.snippetKey(e.id()));
            keys.addAll(outputKeys(e.id()));
        }
        Map<String, Entity> stored = lookup(keys);
        Commits commits = new Commits();
        for (LoadedExample e : list) {
            Mutations m = new Mutations();
            m.put(writeOver(codecs.examples(), stored, e.id(), e.example()), 0);
            m.put(snippets.toEntity(e.snippet()), 0);
            for (Entity f : snippets.toFileEntities(e.snippet())) {
                m.put(f, 0);
            }
            for (SnippetFile f : e.snippet().files()) {
                m.bytes += Utf8.length(f.content());
            }
            VersionedObject oldSnippet = object(stored.get(Keys.path(snippets.snippetKey(e.id()))));
            long old = oldSnippet == null ? 0 : SnippetCodec.numberOfFiles(oldSnippet);
            for (int n = e.snippet().files().size(); n < old; n++) {
                m.deletes.add(snippets.fileKey(e.id(), n));
            }
            Set<PrecompiledObject.Kind> present = EnumSet.noneOf(PrecompiledObject.Kind.class);
            for (PrecompiledObject o : e.outputs()) {
                m.put(writeOver(codecs.precompiledObjects(), stored, o.key(), o), Utf8.length(o.content()));
                present.add(o.kind());
            }
            for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                Key key = objects.key(PrecompiledObject.ENTITY_KIND, new PrecompiledObject(e.id(), kind, "").key());
                if (!present.contains(kind) && stored.containsKey(Keys.path(key))) {
                    m.deletes.add(key);
                }
            }
            commits.add(m);
        }
        commits.flush();
    }

    int deleteExamples(Collection<String> ids) {
        List<String> valid = new LinkedHashSet<>(ids).stream().filter(DatastoreLimits::isKeyName).toList();
        List<Key> keys = new ArrayList<>(valid.size() * 2);
        for (String id : valid) {
            keys.add(objects.key(Example.KIND, id));
            keys.add(snippets.snippetKey(id));
        }
        Map<String, Entity> stored = lookup(keys);
        Commits commits = new Commits();
        int deleted = 0;
        for (String id : valid) {
            if (!stored.containsKey(Keys.path(objects.key(Example.KIND, id)))) {
                continue;
            }
            VersionedObject snippet = object(stored.get(Keys.path(snippets.snippetKey(id))));
            Mutations m = new Mutations();
            m.deletes.add(objects.key(Example.KIND, id));
            m.deletes.add(snippets.snippetKey(id));
            m.deletes.addAll(snippets.fileKeysOf(id, snippet == null ? 0 : SnippetCodec.numberOfFiles(snippet)));
            m.deletes.addAll(outputKeys(id));
            commits.add(m);
            deleted++;
        }
        commits.flush();
        return deleted;
    }

    /** Over the stored entities, which the initial migration may have written: one lookup, then commits. */
    void saveSdks(List<SdkInfo> list) {
        Map<String, Entity> stored = lookup(list.stream().map(s -> objects.key(Sdk.KIND, s.sdk().name())).toList());
        Commits commits = new Commits();
        for (SdkInfo s : list) {
            Mutations m = new Mutations();
            m.put(writeOver(codecs.sdks(), stored, s.sdk().name(), s), 0);
            commits.add(m);
        }
        commits.flush();
    }

    void saveDatasets(List<Dataset> list) {
        for (Dataset d : list) {
            if (!DatastoreLimits.isKeyName(d.id())) {
                throw new InvalidArgumentException("a dataset name is not a valid Datastore key name");
            }
        }
        Map<String, Entity> stored = lookup(list.stream().map(d -> objects.key(Dataset.KIND, d.id())).toList());
        Commits commits = new Commits();
        for (Dataset d : list) {
            Mutations m = new Mutations();
            m.put(writeOver(codecs.datasets(), stored, d.id(), d), Utf8.length(d.path()));
            commits.add(m);
        }
        commits.flush();
    }

    long bumpCatalogVersion() {
        return transactions.run(tx -> {
            Entity stored = tx.get(versionKey());
            VersionedObject next = CatalogVersionObject.bumped(object(stored), Instant.now());
            tx.put(objects.toEntity(next, stored));
            return CatalogVersionObject.version(next);
        });
    }

    private Key versionKey() {
        return objects.key(CatalogVersionObject.KIND, CatalogVersionObject.KEY);
    }

    private List<Key> outputKeys(String exampleId) {
        List<Key> keys = new ArrayList<>();
        for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
            keys.add(objects.key(PrecompiledObject.ENTITY_KIND, new PrecompiledObject(exampleId, kind, "").key()));
        }
        return keys;
    }

    /** The stored entities of {@code keys} that exist, by {@link Keys#path}. */
    private Map<String, Entity> lookup(List<Key> keys) {
        Map<String, Entity> out = new HashMap<>();
        for (Entity e : Transactions.call(() -> datastore.fetch(keys))) {
            if (e != null) {
                out.put(Keys.path(e.getKey()), e);
            }
        }
        return out;
    }

    /** The entity of {@code value} at the pinned version, over the stored one so unknown properties are kept. */
    private <T> Entity writeOver(ObjectCodec<T> codec, Map<String, Entity> stored, String key, T value) {
        Entity old = stored.get(Keys.path(objects.key(codec.kind(), key)));
        return objects.toEntity(codec.writeOver(object(old), key, value, codecs.writeVersion(codec.kind())), old);
    }

    private VersionedObject object(Entity e) {
        return e == null ? null : objects.fromEntity(e);
    }

    private static void checkStorable(LoadedExample e) {
        if (!DatastoreLimits.isKeyName(e.id()) || !DatastoreLimits.isKeyName(e.id() + "_OUTPUT")) {
            throw new InvalidArgumentException("example id is not a valid Datastore key name");
        }
        // Each example goes in one commit, with its snippet, files and outputs.
        if (e.snippet().files().size() + 5 > Transactions.MAX_MUTATIONS) {
            throw new InvalidArgumentException("an example has too many files");
        }
    }

    /** The mutations of one example: always committed together. */
    private static final class Mutations {
        final List<Entity> puts = new ArrayList<>();
        final List<Key> deletes = new ArrayList<>();
        long bytes;

        void put(Entity e, long contentBytes) {
            puts.add(e);
            bytes += contentBytes;
        }

        int count() {
            return puts.size() + deletes.size();
        }
    }

    /** Packs whole examples into commits within the mutation and size limits. */
    private final class Commits {
        private final List<Mutations> pending = new ArrayList<>();
        private int count;
        private long bytes;

        void add(Mutations m) {
            if (!pending.isEmpty() && (count + m.count() > Transactions.MAX_MUTATIONS || bytes + m.bytes > MAX_COMMIT_BYTES)) {
                flush();
            }
            pending.add(m);
            count += m.count();
            bytes += m.bytes;
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            DatastoreCalls.Writes batch = new DatastoreCalls.Writes();
            for (Mutations m : pending) {
                m.puts.forEach(batch::put);
                m.deletes.forEach(batch::delete);
            }
            Transactions.call(() -> datastore.commit(batch));
            pending.clear();
            count = 0;
            bytes = 0;
        }
    }
}
