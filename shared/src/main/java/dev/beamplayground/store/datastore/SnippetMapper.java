package dev.beamplayground.store.datastore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.Timestamp;
import com.google.cloud.datastore.BaseEntity;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.EntityValue;
import com.google.cloud.datastore.FullEntity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyFactory;
import com.google.cloud.datastore.ListValue;
import com.google.cloud.datastore.StringValue;
import com.google.cloud.datastore.Value;
import com.google.cloud.datastore.ValueType;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InternalException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one mapping between snippets and their Datastore entities ({@code pg_snippets} and
 * {@code pg_files}), with the kinds and property names of Beam Playground's schema so that both
 * implementations can read each other's data. Keys live in the store's namespace.
 */
final class SnippetMapper {
    static final String OWNER_ID = "ownerId";
    static final String SDK = "sdk";
    static final String PIPE_OPTS = "pipeOpts";
    static final String CREATED = "created";
    static final String L_VISITED = "lVisited";
    static final String ORIGIN = "origin";
    static final String VISIT_COUNT = "visitCount";
    static final String SCH_VER = "schVer";
    static final String NUMBER_OF_FILES = "numberOfFiles";
    static final String COMPLEXITY = "complexity";
    static final String PERSISTENCE_KEY = "persistenceKey";
    static final String DATASETS = "datasets";
    static final String DS_CONFIG = "config";
    static final String DS_DATASET = "dataset";
    static final String DS_EMULATOR = "emulator";
    static final String CONTENT = "content";
    static final String CNTX_LINE = "cntxLine";
    static final String IS_MAIN = "isMain";
    static final String NAME = "name";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final KeyFactory snippets;
    private final KeyFactory files;
    private final KeyFactory sdks;
    private final KeyFactory schemaVersions;
    private final KeyFactory datasets;

    SnippetMapper(String projectId, String namespace) {
        this.snippets = new KeyFactory(projectId, namespace).setKind(Snippet.KIND);
        this.files = new KeyFactory(projectId, namespace).setKind(Snippet.FILE_KIND);
        this.sdks = new KeyFactory(projectId, namespace).setKind(Sdk.KIND);
        this.schemaVersions = new KeyFactory(projectId, namespace).setKind(SchemaVersion.KIND);
        this.datasets = new KeyFactory(projectId, namespace).setKind(Dataset.KIND);
    }

    Key snippetKey(String id) {
        return snippets.newKey(id);
    }

    Key fileKey(String snippetId, int ordinal) {
        return files.newKey(SnippetFile.key(snippetId, ordinal));
    }

    /** Keys of a stored snippet's files, derived from its {@code numberOfFiles}. */
    List<Key> fileKeysOf(Entity snippet) {
        return fileKeysOf(snippet.getKey().getName(), numberOfFiles(snippet));
    }

    List<Key> fileKeysOf(String snippetId, long numberOfFiles) {
        return Snippet.fileKeys(snippetId, numberOfFiles).stream().map(files::newKey).toList();
    }

    /** The snippet entity; persistenceKey and datasets are left out when empty, as Beam's Go omitempty does. */
    Entity toEntity(Snippet s) {
        Entity.Builder b = Entity.newBuilder(snippetKey(s.id()))
                .set(OWNER_ID, s.ownerId())
                .set(SDK, sdks.newKey(s.sdk().name()))
                // Pipeline options are never queried and may exceed the 1500-byte indexed-string limit.
                .set(PIPE_OPTS, unindexed(s.pipelineOptions()))
                .set(CREATED, timestamp(s.created()))
                .set(L_VISITED, timestamp(s.lastVisited()))
                .set(ORIGIN, s.origin().name())
                .set(VISIT_COUNT, s.visitCount())
                .set(SCH_VER, schemaVersions.newKey(s.schemaVersion()))
                .set(NUMBER_OF_FILES, s.files().size())
                .set(COMPLEXITY, s.complexity().name());
        if (s.hasPersistenceKey()) {
            b.set(PERSISTENCE_KEY, s.persistenceKey());
        }
        if (!s.datasets().isEmpty()) {
            List<EntityValue> values = new ArrayList<>();
            for (DatasetRef d : s.datasets()) {
                values.add(EntityValue.of(FullEntity.newBuilder()
                        .set(DS_CONFIG, unindexed(toJson(d.config())))
                        .set(DS_DATASET, datasets.newKey(d.datasetId()))
                        .set(DS_EMULATOR, d.emulator())
                        .build()));
            }
            b.set(DATASETS, ListValue.of(values));
        }
        return b.build();
    }

    List<Entity> toFileEntities(Snippet s) {
        List<Entity> out = new ArrayList<>(s.files().size());
        for (int n = 0; n < s.files().size(); n++) {
            SnippetFile f = s.files().get(n);
            out.add(Entity.newBuilder(fileKey(s.id(), n))
                    // Up to 1,000,000 bytes: only unindexed strings may exceed 1500 bytes.
                    .set(CONTENT, unindexed(f.content()))
                    .set(CNTX_LINE, f.contextLine())
                    .set(IS_MAIN, f.main())
                    .set(NAME, f.name())
                    .build());
        }
        return out;
    }

    /**
     * The snippet of an entity and its file entities (in ordinal order). Properties that older schema
     * versions did not write (complexity, persistenceKey, datasets) read as their empty values.
     */
    Snippet fromEntities(Entity e, List<Entity> fileEntities) {
        String id = e.getKey().getName();
        List<SnippetFile> fileList = new ArrayList<>(fileEntities.size());
        for (Entity f : fileEntities) {
            fileList.add(new SnippetFile(string(f, NAME), string(f, CONTENT), bool(f, IS_MAIN),
                    Math.toIntExact(number(f, CNTX_LINE))));
        }
        return new Snippet(id, sdk(e), string(e, PIPE_OPTS), complexity(e), string(e, PERSISTENCE_KEY),
                origin(e), string(e, OWNER_ID), instant(e, CREATED), instant(e, L_VISITED),
                number(e, VISIT_COUNT), keyName(e, SCH_VER, SchemaVersion.CURRENT), fileList, datasetRefs(e));
    }

    /** The stored entity with the visit counted; properties this code does not know are kept. */
    Entity visited(Entity e, Instant now) {
        return Entity.newBuilder(e)
                .set(VISIT_COUNT, number(e, VISIT_COUNT) + 1)
                .set(L_VISITED, timestamp(now))
                .build();
    }

    static long numberOfFiles(BaseEntity<?> e) {
        return number(e, NUMBER_OF_FILES);
    }

    static Instant created(BaseEntity<?> e) {
        return instant(e, CREATED);
    }

    private static Sdk sdk(Entity e) {
        String name = keyName(e, SDK, null);
        try {
            return Sdk.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new InternalException("a stored snippet has an unknown sdk", ex);
        }
    }

    private static Origin origin(Entity e) {
        try {
            return Origin.valueOf(string(e, ORIGIN));
        } catch (IllegalArgumentException ex) {
            throw new InternalException("a stored snippet has an unknown origin", ex);
        }
    }

    private static Complexity complexity(Entity e) {
        String name = string(e, COMPLEXITY);
        for (Complexity c : Complexity.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return Complexity.COMPLEXITY_UNSPECIFIED;
    }

    private static List<DatasetRef> datasetRefs(Entity e) {
        if (!e.contains(DATASETS) || e.getValue(DATASETS).getType() != ValueType.LIST) {
            return List.of();
        }
        List<DatasetRef> refs = new ArrayList<>();
        for (Value<?> v : e.<Value<?>>getList(DATASETS)) {
            if (v instanceof EntityValue ev) {
                FullEntity<?> d = ev.get();
                String config = string(d, DS_CONFIG);
                refs.add(new DatasetRef(keyName(d, DS_DATASET, ""), string(d, DS_EMULATOR),
                        config.isEmpty() ? Map.of() : fromJson(config)));
            }
        }
        return refs;
    }

    private static StringValue unindexed(String s) {
        return StringValue.newBuilder(s).setExcludeFromIndexes(true).build();
    }

    private static Timestamp timestamp(Instant i) {
        return Timestamp.ofTimeSecondsAndNanos(i.getEpochSecond(), i.getNano());
    }

    private static String string(BaseEntity<?> e, String name) {
        return e.contains(name) && e.getValue(name).getType() == ValueType.STRING ? e.getString(name) : "";
    }

    private static long number(BaseEntity<?> e, String name) {
        return e.contains(name) && e.getValue(name).getType() == ValueType.LONG ? e.getLong(name) : 0;
    }

    private static boolean bool(BaseEntity<?> e, String name) {
        return e.contains(name) && e.getValue(name).getType() == ValueType.BOOLEAN && e.getBoolean(name);
    }

    private static Instant instant(BaseEntity<?> e, String name) {
        if (!e.contains(name) || e.getValue(name).getType() != ValueType.TIMESTAMP) {
            return Instant.EPOCH;
        }
        Timestamp t = e.getTimestamp(name);
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static String keyName(BaseEntity<?> e, String name, String absent) {
        return e.contains(name) && e.getValue(name).getType() == ValueType.KEY ? e.getKey(name).getName() : absent;
    }

    private static String toJson(Map<String, String> config) {
        try {
            // Sorted like Go's json.Marshal of a map, so equal configs store equal strings.
            return JSON.writeValueAsString(new TreeMap<>(config));
        } catch (JsonProcessingException ex) {
            throw new InternalException("cannot serialize a dataset configuration", ex);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, STRING_MAP);
        } catch (JsonProcessingException ex) {
            throw new InternalException("a stored dataset configuration is not a JSON object of strings", ex);
        }
    }
}
