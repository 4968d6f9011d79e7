package dev.beamplayground.store.event;

import dev.beamplayground.store.spi.Backends;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event backend's recovery and upkeep, for tools and tests: check the view against a replay of the
 * log, rebuild the view, take a snapshot of it, register consumers of the log, trim the log. Opened from
 * the same {@code backend.*} configuration as the store (validated by the provider's schema).
 */
public final class EventRecovery implements AutoCloseable {
    private final EventConnection redis;
    private final EventKeys keys;
    private final EventLog log;
    private final LogConsumers consumers;
    private final ViewSnapshot snapshot;
    private final LogRetention retention;

    private EventRecovery(EventSettings settings) {
        this.redis = new EventConnection(settings);
        this.keys = settings.keys();
        this.log = new EventLog(redis, keys);
        this.consumers = new LogConsumers(redis, keys);
        this.snapshot = new ViewSnapshot(redis, keys, consumers);
        this.retention = new LogRetention(redis, keys, log, settings.retention());
    }

    /** @param config the backend configuration, with or without {@code module} */
    public static EventRecovery open(Map<String, String> config) {
        Map<String, String> checked = new HashMap<>(config);
        checked.put("module", EventBackendProvider.NAME);
        Backends.select(checked, Map.of()); // validates against the schema, opens nothing
        checked.remove("module");
        return new EventRecovery(EventSettings.from(checked));
    }

    /** Differences between the view and a replay of the log; empty when they agree. */
    public List<String> check() {
        return new ViewCheck(redis, keys, log, snapshot).differences();
    }

    /** Writes the view anew from the snapshot and the log (writers stopped). @return a summary line */
    public String rebuild() {
        return new ViewRebuild(redis, keys, log, snapshot).rebuild();
    }

    /** Takes a snapshot of the view. @return its log position */
    public String snapshot() {
        return snapshot.take().position();
    }

    /**
     * Registers a consumer of the log at the snapshot's position (taking a snapshot when there is none):
     * it reads the snapshot, then the log after the returned position.
     */
    public String registerConsumer(String name) {
        String at = consumers.all().get(LogConsumers.SNAPSHOT);
        if (at == null) {
            at = snapshot.take().position();
        }
        consumers.acknowledge(name, at);
        return at;
    }

    /** A consumer has processed the log up to {@code streamId}. */
    public void acknowledge(String name, String streamId) {
        consumers.acknowledge(name, streamId);
    }

    public void removeConsumer(String name) {
        consumers.remove(name);
    }

    /** Trims the log to its retention, held back by the consumers. @return a summary line */
    public String trim(Clock clock) {
        return retention.trim(clock).summary();
    }

    @Override
    public void close() {
        redis.close();
    }
}
