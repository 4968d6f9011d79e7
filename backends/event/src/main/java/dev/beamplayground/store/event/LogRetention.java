package dev.beamplayground.store.event;

import io.lettuce.core.XTrimArgs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the log bounded: removes the entries older than the retention point ({@code retain-entries}: keep
 * the newest n entries; {@code retain-hours}: keep the entries of the last h hours; both: keep what either
 * keeps), with {@code XTRIM MINID}, but never an entry a registered consumer has not acknowledged, and only
 * whole transactions. The snapshot of the view is such a consumer: when the retention point has passed
 * it, a new snapshot is taken first, so a rebuild always finds a snapshot and the whole log after it.
 */
final class LogRetention {
    /** Entries looked at per read while walking the head of the log. */
    private static final int PAGE = 100;
    /** Entries removed per run at most: a maintenance run stays bounded in time, the next one goes on. */
    static final int MAX_PER_RUN = 200_000;

    /**
     * @param entries keep at least the newest this many entries (0: no bound by count)
     * @param age     keep at least the entries younger than this (null: no bound by age)
     */
    record Settings(long entries, Duration age) {
        static final long DEFAULT_ENTRIES = 100_000;

        boolean trims() {
            return entries > 0 || age != null;
        }
    }

    /** What a run did. */
    record Result(long removed, String upTo, String heldBy) {
        String summary() {
            return upTo == null ? "event log: nothing to trim" + (heldBy == null ? "" : " (held by " + heldBy + ")")
                    : "event log: trimmed " + removed + " entries up to " + upTo
                    + (heldBy == null ? "" : " (held by " + heldBy + ")");
        }
    }

    private final EventConnection redis;
    private final EventKeys keys;
    private final EventLog log;
    private final Settings settings;
    private final LogConsumers consumers;
    private final ViewSnapshot snapshot;

    LogRetention(EventConnection redis, EventKeys keys, EventLog log, Settings settings) {
        this.redis = redis;
        this.keys = keys;
        this.log = log;
        this.settings = settings;
        this.consumers = new LogConsumers(redis, keys);
        this.snapshot = new ViewSnapshot(redis, keys, consumers);
    }

    Result trim(Clock clock) {
        if (!settings.trims()) {
            return new Result(0, null, null);
        }
        long length = redis.call(c -> c.xlen(keys.log()));
        long beyondCount = settings.entries() > 0 ? Math.max(0, length - settings.entries()) : Long.MAX_VALUE;
        long ageCutoff = settings.age() == null ? Long.MAX_VALUE : clock.millis() - settings.age().toMillis();
        // Consumers other than the snapshot hold the trim; the snapshot is taken anew when it would.
        Optional<String> held = consumers.all().entrySet().stream()
                .filter(e -> !e.getKey().equals(LogConsumers.SNAPSHOT))
                .map(java.util.Map.Entry::getValue).min(StreamIds::compare);
        String upTo = null;
        String heldBy = null;
        long seen = 0;
        String after = LogReplay.START;
        walk:
        while (seen < Math.min(beyondCount, MAX_PER_RUN)) {
            List<LogEntry> page = log.read(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (LogEntry e : page) {
                if (seen >= beyondCount || seen >= MAX_PER_RUN || millis(e.streamId()) >= ageCutoff) {
                    break walk;
                }
                if (held.isPresent() && StreamIds.compare(e.streamId(), held.get()) > 0) {
                    heldBy = "a consumer";
                    break walk;
                }
                seen++;
                if (e.end()) {
                    upTo = e.streamId(); // only whole transactions go
                }
                after = e.streamId();
            }
        }
        if (upTo == null) {
            return new Result(0, null, heldBy);
        }
        String snapshotAt = consumers.all().get(LogConsumers.SNAPSHOT);
        if (snapshotAt == null || StreamIds.compare(snapshotAt, upTo) < 0) {
            snapshot.take();
        }
        String minId = StreamIds.next(upTo);
        long removed = redis.call(c -> c.xtrim(keys.log(), XTrimArgs.Builder.minId(minId)));
        redis.call(c -> c.set(keys.trimmed(), minId));
        return new Result(removed, upTo, heldBy);
    }

    private static long millis(String streamId) {
        return Long.parseLong(streamId.substring(0, streamId.indexOf('-')));
    }
}
