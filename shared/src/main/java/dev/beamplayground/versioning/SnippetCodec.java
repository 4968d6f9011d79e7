package dev.beamplayground.versioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code pg_snippets}, Beam Playground's snippet entity. The files are their own objects
 * ({@link SnippetFileCodec}); {@code numberOfFiles} derives their keys.
 */
public final class SnippetCodec extends ObjectCodec<Snippet> {
    // 1.0: Beam Playground's pg_snippets; complexity, persistenceKey and datasets may be absent
    // 1.1: complexity is always written (COMPLEXITY_UNSPECIFIED when it was absent), so it can be filtered on
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 1);
    public static final ObjectVersion PREVIOUS = ObjectVersion.of(1, 0);

    public static final String OWNER_ID = "ownerId";
    public static final String SDK = "sdk";
    public static final String PIPE_OPTS = "pipeOpts";
    public static final String CREATED = "created";
    public static final String L_VISITED = "lVisited";
    public static final String ORIGIN = "origin";
    public static final String VISIT_COUNT = "visitCount";
    public static final String SCH_VER = "schVer";
    public static final String NUMBER_OF_FILES = "numberOfFiles";
    public static final String COMPLEXITY = "complexity";
    public static final String PERSISTENCE_KEY = "persistenceKey";
    public static final String DATASETS = "datasets";
    public static final String DS_CONFIG = "config";
    public static final String DS_DATASET = "dataset";
    public static final String DS_EMULATOR = "emulator";

    private static final List<Field> FIELDS = List.of(
            Field.text(OWNER_ID),
            Field.ref(SDK, Sdk.KIND),
            // Never queried, and may exceed the 1500-byte limit of indexed strings.
            Field.text(PIPE_OPTS).unindexed(),
            Field.time(CREATED),
            Field.time(L_VISITED),
            Field.text(ORIGIN),
            Field.integer(VISIT_COUNT),
            Field.ref(SCH_VER, SchemaVersion.KIND),
            Field.integer(NUMBER_OF_FILES),
            Field.text(COMPLEXITY),
            Field.text(PERSISTENCE_KEY).optional(),
            Field.nestedList(DATASETS,
                    Field.text(DS_CONFIG).unindexed(), Field.ref(DS_DATASET, Dataset.KIND), Field.text(DS_EMULATOR))
                    .optional());

    /** Created on first use: reading a snippet without datasets should not pay for Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
        static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
        };
    }

    public SnippetCodec() {
        super(Snippet.KIND, VERSION, PREVIOUS, FIELDS);
    }

    /** The stored snippet with its files, read separately through {@link SnippetFileCodec}. */
    public Snippet read(VersionedObject stored, List<SnippetFile> files) {
        Snippet s = read(stored);
        return new Snippet(s.id(), s.sdk(), s.pipelineOptions(), s.complexity(), s.persistenceKey(), s.origin(),
                s.ownerId(), s.created(), s.lastVisited(), s.visitCount(), s.schemaVersion(), files, s.datasets());
    }

    /** How many files a stored snippet has, which derives their keys. */
    public static long numberOfFiles(VersionedObject stored) {
        return stored.properties().integer(NUMBER_OF_FILES, 0);
    }

    /** persistenceKey and datasets are left out when empty, as Beam's Go omitempty does. */
    @Override
    protected PropertyBag encode(Snippet s) {
        PropertyBag.Builder b = PropertyBag.builder()
                .text(OWNER_ID, s.ownerId())
                .ref(SDK, Sdk.KIND, s.sdk().name())
                .text(PIPE_OPTS, s.pipelineOptions())
                .time(CREATED, s.created())
                .time(L_VISITED, s.lastVisited())
                .text(ORIGIN, s.origin().name())
                .integer(VISIT_COUNT, s.visitCount())
                .ref(SCH_VER, SchemaVersion.KIND, s.schemaVersion())
                .integer(NUMBER_OF_FILES, s.files().size())
                .text(COMPLEXITY, s.complexity().name());
        if (s.hasPersistenceKey()) {
            b.text(PERSISTENCE_KEY, s.persistenceKey());
        }
        if (!s.datasets().isEmpty()) {
            List<PropertyValue> values = new ArrayList<>();
            for (DatasetRef d : s.datasets()) {
                values.add(new PropertyValue.Nested(PropertyBag.builder()
                        .text(DS_CONFIG, toJson(d.config()))
                        .ref(DS_DATASET, Dataset.KIND, d.datasetId())
                        .text(DS_EMULATOR, d.emulator())
                        .build()));
            }
            b.put(DATASETS, new PropertyValue.Items(values));
        }
        return b.build();
    }

    /** Without files (see {@link #read(VersionedObject, List)}). */
    @Override
    protected Snippet decode(String key, PropertyBag p) {
        return new Snippet(key, sdk(p), p.text(PIPE_OPTS, ""), complexity(p), p.text(PERSISTENCE_KEY, ""),
                origin(p), p.text(OWNER_ID, ""), p.time(CREATED, Instant.EPOCH), p.time(L_VISITED, Instant.EPOCH),
                p.integer(VISIT_COUNT, 0), p.refName(SCH_VER, SchemaVersion.CURRENT), List.of(), datasets(p));
    }

    /** A missing complexity, or one that names no complexity (an empty SQLite column), becomes UNSPECIFIED. */
    @Override
    protected PropertyBag upgradeFromPrevious(PropertyBag previous) {
        String stored = previous.text(COMPLEXITY, "");
        for (Complexity c : Complexity.values()) {
            if (c.name().equals(stored)) {
                return previous;
            }
        }
        return previous.with(COMPLEXITY, new PropertyValue.Text(Complexity.COMPLEXITY_UNSPECIFIED.name()));
    }

    /** 1.0 readers take a complexity when there is one: nothing to remove. */
    @Override
    protected PropertyBag makeCompatible(PropertyBag current, ObjectVersion target) {
        return current;
    }

    private static Sdk sdk(PropertyBag p) {
        String name = p.refName(SDK, "");
        for (Sdk s : Sdk.values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new InternalException("a stored snippet has an unknown sdk");
    }

    private static Origin origin(PropertyBag p) {
        String name = p.text(ORIGIN, "");
        for (Origin o : Origin.values()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        throw new InternalException("a stored snippet has an unknown origin");
    }

    private static Complexity complexity(PropertyBag p) {
        String name = p.text(COMPLEXITY, "");
        for (Complexity c : Complexity.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return Complexity.COMPLEXITY_UNSPECIFIED;
    }

    private static List<DatasetRef> datasets(PropertyBag p) {
        List<DatasetRef> refs = new ArrayList<>();
        for (PropertyValue v : p.list(DATASETS)) {
            if (v instanceof PropertyValue.Nested n) {
                PropertyBag d = n.properties();
                String config = d.text(DS_CONFIG, "");
                refs.add(new DatasetRef(d.refName(DS_DATASET, ""), d.text(DS_EMULATOR, ""),
                        config.isEmpty() ? Map.of() : fromJson(config)));
            }
        }
        return refs;
    }

    /** Sorted like Go's json.Marshal of a map, so equal configs store equal strings. */
    public static String toJson(Map<String, String> config) {
        try {
            return Json.MAPPER.writeValueAsString(new TreeMap<>(config));
        } catch (JsonProcessingException e) {
            throw new InternalException("cannot serialize a dataset configuration", e);
        }
    }

    public static Map<String, String> fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, Json.STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new InternalException("a stored dataset configuration is not a JSON object of strings", e);
        }
    }
}
