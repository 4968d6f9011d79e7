package dev.beamplayground.versioning;

import dev.beamplayground.domain.InstanceEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code pg_instances}: the instance registry, one object per running instance keyed by its id. Version
 * maps are lists of {@code kind=version} texts, sorted, so every backend stores them without a nested type.
 */
public final class InstanceCodec extends ObjectCodec<InstanceEntry> {
    // 1.0: release, canWrite, writes, started, beat
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 0);
    public static final String RELEASE = "release";
    public static final String CAN_WRITE = "canWrite";
    public static final String WRITES = "writes";
    public static final String STARTED = "started";
    public static final String BEAT = "beat";

    private static final List<Field> FIELDS = List.of(
            Field.text(RELEASE).unindexed(),
            Field.texts(CAN_WRITE).unindexed(),
            Field.texts(WRITES).unindexed(),
            Field.time(STARTED).unindexed(),
            Field.time(BEAT));

    public InstanceCodec() {
        super(InstanceEntry.KIND, VERSION, null, FIELDS);
    }

    @Override
    protected PropertyBag encode(InstanceEntry value) {
        return PropertyBag.builder()
                .text(RELEASE, value.release())
                .texts(CAN_WRITE, pairs(value.canWrite()))
                .texts(WRITES, pairs(value.writes()))
                .time(STARTED, value.started())
                .time(BEAT, value.beat())
                .build();
    }

    @Override
    protected InstanceEntry decode(String key, PropertyBag p) {
        return new InstanceEntry(key, p.text(RELEASE, ""), map(p.texts(CAN_WRITE)), map(p.texts(WRITES)),
                p.time(STARTED, Instant.EPOCH), p.time(BEAT, Instant.EPOCH));
    }

    private static List<String> pairs(Map<String, String> versions) {
        return new TreeMap<>(versions).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** Malformed entries (another writer's bug) are skipped rather than failing every reader of the registry. */
    private static Map<String, String> map(List<String> pairs) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return out;
    }
}
