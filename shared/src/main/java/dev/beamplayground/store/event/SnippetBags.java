package dev.beamplayground.store.event;

import dev.beamplayground.domain.Complexity;
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
 * Snippets and files as property bags with the Datastore property names of Beam Playground: the
 * snippet ({@code pg_snippets}) and one bag per file ({@code pg_files}, {@code <id>_<n>}). Timestamps
 * are epoch milliseconds, as in the SQLite backend. Reading ignores properties it does not know;
 * {@link #visited} changes two properties of the stored bag and keeps the rest.
 */
final class SnippetBags {
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
    static final String NAME = "name";
    static final String CONTENT = "content";
    static final String CNTX_LINE = "cntxLine";
    static final String IS_MAIN = "isMain";

    private SnippetBags() {
    }

    static Map<String, Object> snippet(Snippet s) {
        Map<String, Object> bag = new TreeMap<>();
        bag.put(OWNER_ID, s.ownerId());
        bag.put(SDK, s.sdk().name());
        bag.put(PIPE_OPTS, s.pipelineOptions());
        bag.put(CREATED, s.created().toEpochMilli());
        bag.put(L_VISITED, s.lastVisited().toEpochMilli());
        bag.put(ORIGIN, s.origin().name());
        bag.put(VISIT_COUNT, s.visitCount());
        bag.put(SCH_VER, s.schemaVersion());
        bag.put(NUMBER_OF_FILES, (long) s.files().size());
        bag.put(COMPLEXITY, s.complexity().name());
        bag.put(PERSISTENCE_KEY, s.persistenceKey());
        List<Object> datasets = new ArrayList<>();
        for (DatasetRef d : s.datasets()) {
            datasets.add(Map.of("dataset", d.datasetId(), "emulator", d.emulator(), "config", new TreeMap<>(d.config())));
        }
        bag.put(DATASETS, datasets);
        return bag;
    }

    static Map<String, Object> file(SnippetFile f) {
        Map<String, Object> bag = new TreeMap<>();
        bag.put(NAME, f.name());
        bag.put(CONTENT, f.content());
        bag.put(CNTX_LINE, (long) f.contextLine());
        bag.put(IS_MAIN, f.main());
        return bag;
    }

    /** The snippet of a stored bag and its file bags, in ordinal order. */
    static Snippet fromBags(String id, Map<String, Object> bag, List<Map<String, Object>> files) {
        List<SnippetFile> fileList = new ArrayList<>(files.size());
        for (Map<String, Object> f : files) {
            fileList.add(new SnippetFile(string(f, NAME), string(f, CONTENT), bool(f, IS_MAIN),
                    Math.toIntExact(number(f, CNTX_LINE))));
        }
        return new Snippet(id, enumValue(Sdk.class, bag, SDK), string(bag, PIPE_OPTS),
                bag.containsKey(COMPLEXITY) ? enumValue(Complexity.class, bag, COMPLEXITY)
                        : Complexity.COMPLEXITY_UNSPECIFIED, string(bag, PERSISTENCE_KEY),
                enumValue(Origin.class, bag, ORIGIN), string(bag, OWNER_ID),
                Instant.ofEpochMilli(number(bag, CREATED)), Instant.ofEpochMilli(number(bag, L_VISITED)),
                number(bag, VISIT_COUNT), bag.containsKey(SCH_VER) ? string(bag, SCH_VER) : SchemaVersion.CURRENT,
                fileList, datasets(bag));
    }

    /** The stored bag with the visit counted; properties this code does not know are kept. */
    static Map<String, Object> visited(Map<String, Object> bag, Instant now) {
        Map<String, Object> next = new TreeMap<>(bag);
        next.put(VISIT_COUNT, number(bag, VISIT_COUNT) + 1);
        next.put(L_VISITED, now.toEpochMilli());
        return next;
    }

    static long numberOfFiles(Map<String, Object> bag) {
        return number(bag, NUMBER_OF_FILES);
    }

    static String persistenceKey(Map<String, Object> bag) {
        return string(bag, PERSISTENCE_KEY);
    }

    @SuppressWarnings("unchecked")
    private static List<DatasetRef> datasets(Map<String, Object> bag) {
        if (!(bag.get(DATASETS) instanceof List<?> list)) {
            return List.of();
        }
        List<DatasetRef> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("dataset") instanceof String dataset)
                    || !(m.get("emulator") instanceof String emulator)) {
                throw corrupt("datasets");
            }
            Map<String, String> config = new TreeMap<>();
            if (m.get("config") instanceof Map<?, ?> c) {
                c.forEach((k, v) -> config.put(String.valueOf(k), String.valueOf(v)));
            }
            out.add(new DatasetRef(dataset, emulator, config));
        }
        return out;
    }

    /** Absent strings read as "", as Datastore's missing properties do. */
    private static String string(Map<String, Object> bag, String name) {
        Object v = bag.get(name);
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw corrupt(name);
        }
        return s;
    }

    private static long number(Map<String, Object> bag, String name) {
        Object v = bag.get(name);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n)) {
            throw corrupt(name);
        }
        return n.longValue();
    }

    private static boolean bool(Map<String, Object> bag, String name) {
        Object v = bag.get(name);
        if (v != null && !(v instanceof Boolean)) {
            throw corrupt(name);
        }
        return Boolean.TRUE.equals(v);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, Object> bag, String name) {
        try {
            return Enum.valueOf(type, string(bag, name));
        } catch (IllegalArgumentException e) {
            throw corrupt(name);
        }
    }

    private static InternalException corrupt(String property) {
        return new InternalException("a stored snippet has a malformed " + property);
    }
}
