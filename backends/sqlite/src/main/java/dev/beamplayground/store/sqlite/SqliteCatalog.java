package dev.beamplayground.store.sqlite;

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
import dev.beamplayground.versioning.ExampleCodec;
import dev.beamplayground.versioning.ObjectCodec;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog role of {@link SqliteStore}: SDKs, examples with their snippets and outputs, datasets and the
 * catalog version. Rows are read and written as {@link VersionedObject}s ({@link SqliteObjects}) through their
 * codecs: written at the pinned object version, read at any version the codec reads, and a write over a stored
 * row keeps the properties this code does not know (in {@code extra}).
 */
final class SqliteCatalog {
    private final SqliteDatabase db;
    private final Codecs codecs;
    private final SqliteSnippetRows snippetRows;

    SqliteCatalog(SqliteDatabase db, Codecs codecs, SqliteSnippetRows snippetRows) {
        this.db = db;
        this.codecs = codecs;
        this.snippetRows = snippetRows;
    }

    long version() {
        return db.transaction(false, SqliteCatalog::version);
    }

    /** One read transaction, so the version and the data come from one snapshot. */
    CatalogSnapshot read() {
        return db.transaction(false, this::read);
    }

    Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        Objects.requireNonNull(exampleId, "exampleId");
        return db.transaction(false, c -> SqliteObjects.read(c, PrecompiledObject.ENTITY_KIND,
                new PrecompiledObject(exampleId, kind, "").key()).map(o -> codecs.precompiledObjects().read(o).content()));
    }

    Set<String> exampleIds(Origin origin) {
        return db.transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pg_examples WHERE origin = ?")) {
                ps.setString(1, origin.name());
                return new TreeSet<>(SqliteSql.strings(ps));
            }
        });
    }

    /** A transaction per chunk of examples: each example goes whole, and the lock is not held for long. */
    void saveExamples(List<LoadedExample> examples) {
        for (List<LoadedExample> chunk : SqliteSql.chunks(examples)) {
            db.transaction(true, c -> {
                save(c, chunk);
                return null;
            });
        }
    }

    int deleteExamples(Collection<String> ids) {
        int deleted = 0;
        for (List<String> chunk : SqliteSql.chunks(List.copyOf(new LinkedHashSet<>(ids)))) {
            deleted += db.transaction(true, c -> delete(c, chunk));
        }
        return deleted;
    }

    /** Over the stored rows, which the initial migration may have written. */
    void saveSdks(List<SdkInfo> sdks) {
        db.transaction(true, c -> {
            Map<String, VersionedObject> stored = SqliteObjects.readAll(c, Sdk.KIND,
                    sdks.stream().map(s -> s.sdk().name()).toList());
            for (SdkInfo s : sdks) {
                put(c, codecs.sdks(), stored, s.sdk().name(), s);
            }
            return null;
        });
    }

    void saveDatasets(List<Dataset> datasets) {
        db.transaction(true, c -> {
            Map<String, VersionedObject> stored = SqliteObjects.readAll(c, Dataset.KIND,
                    datasets.stream().map(Dataset::id).toList());
            for (Dataset d : datasets) {
                put(c, codecs.datasets(), stored, d.id(), d);
            }
            return null;
        });
    }

    long bumpVersion() {
        return db.transaction(true, SqliteCatalog::bump);
    }

    private static long version(Connection c) throws SQLException {
        return CatalogVersionObject.version(
                SqliteObjects.read(c, CatalogVersionObject.KIND, CatalogVersionObject.KEY).orElse(null));
    }

    private static long bump(Connection c) throws SQLException {
        VersionedObject stored = SqliteObjects.read(c, CatalogVersionObject.KIND, CatalogVersionObject.KEY).orElse(null);
        VersionedObject next = CatalogVersionObject.bumped(stored, Instant.now());
        SqliteObjects.put(c, next);
        return CatalogVersionObject.version(next);
    }

    /**
     * Four statements (version, SDKs, examples, datasets used) plus two per 500 examples (their snippets and
     * file 0), all in the caller's read transaction; other files only for snippets written by others with the
     * main file elsewhere.
     */
    private CatalogSnapshot read(Connection c) throws SQLException {
        long version = version(c);
        List<SdkInfo> sdks = new ArrayList<>();
        Map<String, VersionedObject> storedSdks = SqliteObjects.readAll(c, Sdk.KIND,
                Arrays.stream(Sdk.values()).map(Sdk::name).toList()); // only SDKs this code knows
        for (Sdk sdk : Sdk.values()) {
            VersionedObject o = storedSdks.get(sdk.name());
            if (o != null) {
                sdks.add(codecs.sdks().read(o));
            }
        }
        List<Example> examples = new ArrayList<>();
        for (VersionedObject o : SqliteObjects.readWhere(c, Example.KIND, ExampleCodec.ORIGIN, Origin.PG_EXAMPLES.name())) {
            examples.add(codecs.examples().read(o));
        }
        List<String> ids = examples.stream().map(Example::id).toList();
        Map<String, VersionedObject> snippets = SqliteObjects.readAll(c, Snippet.KIND, ids);
        Map<String, Integer> mainLines = mainContextLines(c, snippets);
        List<CatalogItem> items = new ArrayList<>(examples.size());
        Set<String> datasetIds = new TreeSet<>();
        for (Example e : examples) {
            VersionedObject stored = snippets.get(e.id());
            if (stored == null) {
                items.add(new CatalogItem(e, "", Complexity.COMPLEXITY_UNSPECIFIED, 0, 0, List.of()));
                continue;
            }
            Snippet s = codecs.snippets().read(stored);
            s.datasets().forEach(d -> datasetIds.add(d.datasetId()));
            items.add(new CatalogItem(e, s.pipelineOptions(), s.complexity(), (int) SnippetCodec.numberOfFiles(stored),
                    mainLines.getOrDefault(e.id(), 0), s.datasets()));
        }
        List<Dataset> datasets = new ArrayList<>();
        Map<String, VersionedObject> storedDatasets = SqliteObjects.readAll(c, Dataset.KIND, List.copyOf(datasetIds));
        for (String id : datasetIds) {
            VersionedObject o = storedDatasets.get(id);
            if (o != null) {
                datasets.add(codecs.datasets().read(o));
            }
        }
        return new CatalogSnapshot(version, sdks, items, datasets);
    }

    /** Snippet id to its main file's context line: file 0 (where the loader puts it), others only when needed. */
    private Map<String, Integer> mainContextLines(Connection c, Map<String, VersionedObject> snippets)
            throws SQLException {
        Map<String, VersionedObject> firsts = SqliteObjects.readAll(c, Snippet.FILE_KIND,
                snippets.keySet().stream().map(id -> SnippetFile.key(id, 0)).toList());
        Map<String, Integer> lines = new HashMap<>();
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, VersionedObject> s : snippets.entrySet()) {
            long files = SnippetCodec.numberOfFiles(s.getValue());
            VersionedObject stored = firsts.get(SnippetFile.key(s.getKey(), 0));
            SnippetFile first = stored == null ? null : codecs.files().read(stored);
            if (first != null && (first.main() || files <= 1)) {
                lines.put(s.getKey(), first.contextLine());
            } else {
                List<String> keys = Snippet.fileKeys(s.getKey(), files);
                others.addAll(keys.subList(Math.min(1, keys.size()), keys.size()));
            }
        }
        for (VersionedObject o : SqliteObjects.readAll(c, Snippet.FILE_KIND, others).values()) {
            SnippetFile f = codecs.files().read(o);
            if (f.main()) {
                lines.put(o.key().substring(0, o.key().lastIndexOf('_')), f.contextLine());
            }
        }
        return lines;
    }

    /**
     * Replaces each example whole: the old snippet with its files goes first and is written anew; the example
     * and its outputs are written over the stored rows, and outputs the new example lacks are deleted.
     */
    private void save(Connection c, List<LoadedExample> examples) throws SQLException {
        List<String> ids = examples.stream().map(LoadedExample::id).toList();
        Map<String, VersionedObject> storedExamples = SqliteObjects.readAll(c, Example.KIND, ids);
        Map<String, VersionedObject> storedOutputs = SqliteObjects.readAll(c, PrecompiledObject.ENTITY_KIND,
                outputKeys(ids));
        SqliteSnippetRows.deleteWithFiles(c, ids);
        List<String> gone = new ArrayList<>();
        for (LoadedExample e : examples) {
            snippetRows.insert(c, e.snippet());
            put(c, codecs.examples(), storedExamples, e.id(), e.example());
            Set<PrecompiledObject.Kind> present = EnumSet.noneOf(PrecompiledObject.Kind.class);
            for (PrecompiledObject o : e.outputs()) {
                put(c, codecs.precompiledObjects(), storedOutputs, o.key(), o);
                present.add(o.kind());
            }
            for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                String key = new PrecompiledObject(e.id(), kind, "").key();
                if (!present.contains(kind) && storedOutputs.containsKey(key)) {
                    gone.add(key);
                }
            }
        }
        SqliteSql.deleteByIds(c, PrecompiledObject.ENTITY_KIND, gone);
    }

    private static int delete(Connection c, List<String> ids) throws SQLException {
        SqliteSnippetRows.deleteWithFiles(c, ids);
        SqliteSql.deleteByIds(c, PrecompiledObject.ENTITY_KIND, outputKeys(ids));
        return SqliteSql.deleteByIds(c, Example.KIND, ids);
    }

    /** {@code value} at the pinned version, over the stored row so its unknown properties are kept. */
    private <T> void put(Connection c, ObjectCodec<T> codec, Map<String, VersionedObject> stored, String key, T value)
            throws SQLException {
        VersionedObject old = stored.get(key);
        VersionedObject next = codec.writeOver(old, key, value, codecs.writeVersion(codec.kind()));
        if (old == null) {
            SqliteObjects.insert(c, next, false);
        } else {
            SqliteObjects.update(c, next);
        }
    }

    /** Every key an example's outputs can have, present or not. */
    private static List<String> outputKeys(Collection<String> exampleIds) {
        List<String> keys = new ArrayList<>();
        for (String id : exampleIds) {
            for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                keys.add(new PrecompiledObject(id, kind, "").key());
            }
        }
        return keys;
    }
}
