package dev.beamplayground.store.event;

import java.util.List;
import java.util.Map;

/**
 * The event backend's validated configuration.
 *
 * @param modelPrefix the first segments of every event type ({@code model-prefix}, comma-separated)
 * @param uri         the Redis server holding the log ({@code uri})
 * @param stream      the log's name ({@code stream}); keys are {@code {stream}:log} and {@code {stream}:seq},
 *                    one hash slot, so a Redis Cluster runs the atomic append on one node
 * @param durability  what a returned write is guaranteed to have reached ({@code durability})
 * @param replicas    replicas that must acknowledge each write ({@code replicas}, {@code WAIT})
 * @param retention   how much of the log maintenance keeps ({@code retain-entries}, default
 *                    {@value LogRetention.Settings#DEFAULT_ENTRIES}; {@code retain-hours})
 */
record EventSettings(List<String> modelPrefix, String uri, String stream, Durability durability, int replicas,
                     LogRetention.Settings retention) {
    static final String MODEL_PREFIX = "model-prefix";
    static final String URI = "uri";
    static final String STREAM = "stream";
    static final String DURABILITY = "durability";
    static final String REPLICAS = "replicas";
    static final String RETAIN_ENTRIES = "retain-entries";
    static final String RETAIN_HOURS = "retain-hours";

    /** How durability is established before a write returns. */
    enum Durability {
        /** The server fsyncs its append-only file before it replies (checked when connecting). */
        FSYNC,
        /** {@link #replicas} replicas acknowledge every write; for servers that hide their configuration. */
        REPLICAS
    }

    EventSettings {
        modelPrefix = List.copyOf(modelPrefix);
    }

    /** From a configuration that passed the provider's schema. */
    static EventSettings from(Map<String, String> config) {
        List<String> prefix = List.of(config.get(MODEL_PREFIX).split(","));
        String stream = config.getOrDefault(STREAM, String.join(".", prefix));
        Durability durability = Durability.valueOf(config.getOrDefault(DURABILITY, "fsync").toUpperCase(java.util.Locale.ROOT));
        int replicas = Integer.parseInt(config.getOrDefault(REPLICAS, "0"));
        long entries = Long.parseLong(config.getOrDefault(RETAIN_ENTRIES,
                Long.toString(LogRetention.Settings.DEFAULT_ENTRIES)));
        java.time.Duration age = config.containsKey(RETAIN_HOURS)
                ? java.time.Duration.ofHours(Long.parseLong(config.get(RETAIN_HOURS))) : null;
        return new EventSettings(prefix, config.get(URI), stream, durability, replicas,
                new LogRetention.Settings(entries, age));
    }

    EventKeys keys() {
        return new EventKeys(stream, modelPrefix);
    }

    String logKey() {
        return "{" + stream + "}:log";
    }

    String seqKey() {
        return "{" + stream + "}:seq";
    }
}
