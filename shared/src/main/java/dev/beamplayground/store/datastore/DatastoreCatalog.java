package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Batch;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.QueryResults;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.DatasetRef;
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
import dev.beamplayground.store.LoadedExample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog role of {@link DatastoreStore}. Every query filters on one property (built-in indexes, no
 * composite index). A catalog read takes, for E examples of which none has its main file elsewhere than
 * at ordinal 0: 1 lookup (version and SDKs) + the query's pages + ceil(2E/1000) lookups (snippets and
 * main files) + 1 lookup of the datasets used (when any), i.e. 4 calls up to 500 examples on one query page.
 */
final class DatastoreCatalog {
    /** A commit request is limited to 10 MiB; stay well below with whole examples. */
    static final long MAX_COMMIT_BYTES = 8L * 1024 * 1024;

    private final Datastore datastore;
    private final String namespace;
    private final Transactions transactions;
    private final SnippetMapper snippets;
    private final ExampleMapper examples;
    private final SdkMapper sdks;
    private final DatasetMapper datasets;
    private final PrecompiledObjectMapper outputs;
    private final CatalogVersionMapper version;

    DatastoreCatalog(Datastore datastore, String namespace, Transactions transactions, SnippetMapper snippets) {
        String project = datastore.getOptions().getProjectId();
        this.datastore = datastore;
        this.namespace = namespace;
        this.transactions = transactions;
        this.snippets = snippets;
        this.examples = new ExampleMapper(project, namespace);
        this.sdks = new SdkMapper(project, namespace);
        this.datasets = new DatasetMapper(project, namespace);
        this.outputs = new PrecompiledObjectMapper(project, namespace);
        this.version = new CatalogVersionMapper(project, namespace);
    }

    long catalogVersion() {
        return read(() -> version.version(datastore.get(version.key())));
    }

    CatalogSnapshot readCatalog() {
        return read(this::readAll);
    }

    private CatalogSnapshot readAll() {
        // 1. The version before the data, so the data is never older than the version it is cached under.
        List<Key> head = new ArrayList<>();
        head.add(version.key());
        for (Sdk sdk : Sdk.values()) {
            head.add(sdks.key(sdk));
        }
        List<Entity> headEntities = Transactions.fetchAll(datastore, head);
        long catalogVersion = version.version(headEntities.get(0));
        List<SdkInfo> sdkList = new ArrayList<>();
        for (Entity e : headEntities.subList(1, headEntities.size())) {
            if (e != null) {
                sdks.fromEntity(e).ifPresent(sdkList::add);
            }
        }
        // 2. The examples: one equality filter, served by the built-in index of origin.
        List<Example> exampleList = new ArrayList<>();
        QueryResults<Entity> results = datastore.run(Query.newEntityQueryBuilder().setNamespace(namespace)
                .setKind(Example.KIND).setFilter(PropertyFilter.eq(ExampleMapper.ORIGIN, Origin.PG_EXAMPLES.name()))
                .build());
        results.forEachRemaining(e -> exampleList.add(examples.fromEntity(e)));
        // 3. Snippets and their file 0 (where the loader puts the main file) in the same lookups.
        List<Key> keys = new ArrayList<>(exampleList.size() * 2);
        for (Example e : exampleList) {
            keys.add(snippets.snippetKey(e.id()));
            keys.add(snippets.fileKey(e.id(), 0));
        }
        List<Entity> found = Transactions.fetchAll(datastore, keys);
        Map<String, Entity> snippetById = new HashMap<>();
        Map<String, Integer> mainLine = new HashMap<>();
        List<Key> otherFiles = new ArrayList<>();
        for (int i = 0; i < exampleList.size(); i++) {
            String id = exampleList.get(i).id();
            Entity snippet = found.get(2 * i);
            Entity first = found.get(2 * i + 1);
            if (snippet == null) {
                continue;
            }
            snippetById.put(id, snippet);
            if (first != null && (EntityValues.bool(first, SnippetMapper.IS_MAIN) || SnippetMapper.numberOfFiles(snippet) <= 1)) {
                mainLine.put(id, (int) EntityValues.number(first, SnippetMapper.CNTX_LINE));
            } else {
                List<Key> all = snippets.fileKeysOf(snippet);
                otherFiles.addAll(all.subList(Math.min(1, all.size()), all.size()));
            }
        }
        // 3b. Only for snippets written by others with the main file elsewhere.
        for (Entity f : Transactions.fetchAll(datastore, otherFiles)) {
            if (f != null && EntityValues.bool(f, SnippetMapper.IS_MAIN)) {
                String key = f.getKey().getName();
                mainLine.put(key.substring(0, key.lastIndexOf('_')), (int) EntityValues.number(f, SnippetMapper.CNTX_LINE));
            }
        }
        List<CatalogItem> items = new ArrayList<>(exampleList.size());
        Set<String> datasetIds = new TreeSet<>();
        for (Example e : exampleList) {
            Entity s = snippetById.get(e.id());
            if (s == null) {
                items.add(new CatalogItem(e, "", Complexity.COMPLEXITY_UNSPECIFIED, 0, 0, List.of()));
                continue;
            }
            Snippet summary = snippets.fromEntities(s, List.of());
            summary.datasets().forEach(d -> datasetIds.add(d.datasetId()));
            items.add(new CatalogItem(e, summary.pipelineOptions(), summary.complexity(),
                    (int) SnippetMapper.numberOfFiles(s), mainLine.getOrDefault(e.id(), 0), summary.datasets()));
        }
        // 4. The datasets the examples use.
        List<Dataset> datasetList = new ArrayList<>();
        List<Key> datasetKeys = datasetIds.stream().filter(DatastoreStore::isKeyName).map(datasets::key).toList();
        for (Entity d : Transactions.fetchAll(datastore, datasetKeys)) {
            if (d != null) {
                datasetList.add(datasets.fromEntity(d));
            }
        }
        return new CatalogSnapshot(catalogVersion, sdkList, items, datasetList);
    }

    Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        if (!DatastoreStore.isKeyName(exampleId + "_" + kind.name())) {
            return Optional.empty();
        }
        return read(() -> Optional.ofNullable(datastore.get(outputs.key(exampleId, kind))).map(outputs::content));
    }

    Set<String> exampleIds(Origin origin) {
        return read(() -> {
            Set<String> ids = new TreeSet<>();
            QueryResults<Key> keys = datastore.run(Query.newKeyQueryBuilder().setNamespace(namespace)
                    .setKind(Example.KIND).setFilter(PropertyFilter.eq(ExampleMapper.ORIGIN, origin.name())).build());
            keys.forEachRemaining(k -> ids.add(k.getName()));
            return ids;
        });
    }

    /**
     * One lookup of the stored snippets (their file counts), then non-transactional commits of whole examples,
     * each at most 500 mutations and {@link #MAX_COMMIT_BYTES}.
     */
    void saveExamples(List<LoadedExample> list) {
        for (LoadedExample e : list) {
            checkStorable(e);
        }
        Map<String, Long> oldFiles = storedFileCounts(list.stream().map(LoadedExample::id).toList());
        Commits commits = new Commits();
        for (LoadedExample e : list) {
            Mutations m = new Mutations();
            m.put(examples.toEntity(e.example()), 0);
            m.put(snippets.toEntity(e.snippet()), 0);
            for (Entity f : snippets.toFileEntities(e.snippet())) {
                m.put(f, 0);
            }
            for (SnippetFile f : e.snippet().files()) {
                m.bytes += Utf8.length(f.content());
            }
            long old = oldFiles.getOrDefault(e.id(), 0L);
            for (int n = e.snippet().files().size(); n < old; n++) {
                m.deletes.add(snippets.fileKey(e.id(), n));
            }
            Set<PrecompiledObject.Kind> present = new java.util.HashSet<>();
            for (PrecompiledObject o : e.outputs()) {
                m.put(outputs.toEntity(o), Utf8.length(o.content()));
                present.add(o.kind());
            }
            for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                if (!present.contains(kind)) {
                    m.deletes.add(outputs.key(e.id(), kind));
                }
            }
            commits.add(m);
        }
        commits.flush();
    }

    int deleteExamples(Collection<String> ids) {
        List<String> valid = new LinkedHashSet<>(ids).stream().filter(DatastoreStore::isKeyName).toList();
        List<Entity> stored = read(() -> Transactions.fetchAll(datastore, valid.stream().map(examples::key).toList()));
        Map<String, Long> fileCounts = storedFileCounts(valid);
        Commits commits = new Commits();
        int deleted = 0;
        for (int i = 0; i < valid.size(); i++) {
            if (stored.get(i) == null) {
                continue;
            }
            String id = valid.get(i);
            Mutations m = new Mutations();
            m.deletes.add(examples.key(id));
            m.deletes.add(snippets.snippetKey(id));
            m.deletes.addAll(snippets.fileKeysOf(id, fileCounts.getOrDefault(id, 0L)));
            m.deletes.addAll(outputs.keysOf(id));
            commits.add(m);
            deleted++;
        }
        commits.flush();
        return deleted;
    }

    void saveSdks(List<SdkInfo> list) {
        Commits commits = new Commits();
        for (SdkInfo s : list) {
            Mutations m = new Mutations();
            m.put(sdks.toEntity(s), 0);
            commits.add(m);
        }
        commits.flush();
    }

    void saveDatasets(List<Dataset> list) {
        Commits commits = new Commits();
        for (Dataset d : list) {
            if (!DatastoreStore.isKeyName(d.id())) {
                throw new InvalidArgumentException("a dataset name is not a valid Datastore key name");
            }
            Mutations m = new Mutations();
            m.put(datasets.toEntity(d), Utf8.length(d.path()));
            commits.add(m);
        }
        commits.flush();
    }

    long bumpCatalogVersion() {
        return transactions.run(tx -> {
            long next = version.version(tx.get(version.key())) + 1;
            tx.put(version.toEntity(next, Instant.now()));
            return next;
        });
    }

    private Map<String, Long> storedFileCounts(List<String> ids) {
        List<Entity> stored = read(() -> Transactions.fetchAll(datastore, ids.stream().map(snippets::snippetKey).toList()));
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (stored.get(i) != null) {
                counts.put(ids.get(i), SnippetMapper.numberOfFiles(stored.get(i)));
            }
        }
        return counts;
    }

    private static void checkStorable(LoadedExample e) {
        if (!DatastoreStore.isKeyName(e.id()) || !DatastoreStore.isKeyName(e.id() + "_OUTPUT")) {
            throw new InvalidArgumentException("example id is not a valid Datastore key name");
        }
        // Each example goes in one commit, with its snippet, files and outputs.
        if (e.snippet().files().size() + 5 > Transactions.MAX_MUTATIONS) {
            throw new InvalidArgumentException("an example has too many files");
        }
    }

    private <T> T read(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
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
            Batch batch = datastore.newBatch();
            for (Mutations m : pending) {
                if (!m.puts.isEmpty()) {
                    batch.put(m.puts.toArray(Entity[]::new));
                }
                if (!m.deletes.isEmpty()) {
                    batch.delete(m.deletes.toArray(Key[]::new));
                }
            }
            read(batch::submit);
            pending.clear();
            count = 0;
            bytes = 0;
        }
    }
}
