package dev.beamplayground.store.event;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The readers of the log that the trim must wait for, registered in Redis: name -> the stream id up to
 * which it has processed the log (acknowledged). A new consumer starts from the snapshot of the view and
 * reads the log after the snapshot's position; so it registers at that position, which the trim has kept.
 */
final class LogConsumers {
    /** The snapshot of the view: the log after its position is needed to bring it up to date. */
    static final String SNAPSHOT = "view-snapshot";
    /** A snapshot being taken: holds the trim at its position until it is complete. */
    static final String SNAPSHOT_IN_PROGRESS = "view-snapshot-next";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern STREAM_ID = Pattern.compile("[0-9]{1,20}-[0-9]{1,20}");

    private final EventConnection redis;
    private final EventKeys keys;

    LogConsumers(EventConnection redis, EventKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Records that {@code name} has processed the log up to and including {@code streamId}. */
    void acknowledge(String name, String streamId) {
        if (!NAME.matcher(name).matches() || !STREAM_ID.matcher(streamId).matches()) {
            throw new IllegalArgumentException("a consumer name is [A-Za-z0-9_.-]{1,64}, a position a stream id");
        }
        redis.call(c -> c.hset(keys.consumers(), name, streamId));
    }

    void remove(String name) {
        redis.call(c -> c.hdel(keys.consumers(), name));
    }

    Map<String, String> all() {
        return redis.call(c -> c.hgetall(keys.consumers()));
    }

    /** The oldest acknowledged position: the log after it must stay. Empty when no consumer is registered. */
    Optional<String> oldest() {
        return all().values().stream().min(StreamIds::compare);
    }
}
