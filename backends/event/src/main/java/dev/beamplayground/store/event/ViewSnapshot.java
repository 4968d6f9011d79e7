package dev.beamplayground.store.event;

import dev.beamplayground.versioning.VersionedObject;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A copy of the view kept in Redis beside it, with the log position it starts from: what a rebuild or a
 * new consumer of the log starts from once the log before that position has been trimmed. Taken while
 * writers go on (page by page, so each entity is as of some moment after the position); the log after
 * the position completes it ({@link LogReplay#fromSnapshot}). The snapshot is a registered consumer
 * ({@link LogConsumers#SNAPSHOT}) at its position, so the log is never trimmed past it.
 */
final class ViewSnapshot {
    private static final int PAGE = 500;
    /** The log's head and counter in one atomic step. */
    private static final String POSITION = "return {redis.call('GET', KEYS[1]) or '0-0', redis.call('GET', KEYS[2]) or '0'}";

    private final EventConnection redis;
    private final EventKeys keys;
    private final LogConsumers consumers;

    ViewSnapshot(EventConnection redis, EventKeys keys, LogConsumers consumers) {
        this.redis = redis;
        this.keys = keys;
        this.consumers = consumers;
    }

    /**
     * A snapshot as stored.
     *
     * @param position the stream id the log is replayed after
     * @param seq      the transaction at that position
     * @param objects  kind -> id -> object
     */
    record Snapshot(String position, long seq, Map<String, Map<String, VersionedObject>> objects) {
    }

    /** The log's head (stream id of the last entry, "0-0" for an empty log) and counter, read atomically. */
    record Head(String position, long seq) {
    }

    Head head() {
        List<Object> reply = redis.script(POSITION, ScriptOutputType.MULTI, new String[] {keys.head(), keys.seq()});
        String position = (String) reply.get(0);
        return new Head(position.isEmpty() ? LogReplay.START : position, Long.parseLong((String) reply.get(1)));
    }

    /** Copies the view, then makes the copy the snapshot and drops the older one. @return its position */
    Head take() {
        Head head = head();
        consumers.acknowledge(LogConsumers.SNAPSHOT_IN_PROGRESS, head.position()); // holds the trim meanwhile
        List<String> kinds = viewKinds();
        String tag = head.position();
        for (String kind : kinds) {
            copy(keys.view(kind), keys.snapshot(tag, kind));
        }
        Optional<Map<String, String>> old = meta();
        Map<String, String> meta = new HashMap<>();
        meta.put("position", head.position());
        meta.put("seq", Long.toString(head.seq()));
        meta.put("kinds", String.join(",", kinds));
        redis.call(c -> c.hset(keys.snapshotMeta(), meta)); // one command: the old snapshot or the new one
        consumers.acknowledge(LogConsumers.SNAPSHOT, head.position());
        consumers.remove(LogConsumers.SNAPSHOT_IN_PROGRESS);
        old.filter(m -> !m.get("position").equals(tag)).ifPresent(m -> {
            for (String kind : m.get("kinds").split(",")) {
                if (!kind.isEmpty()) {
                    redis.call(c -> c.del(keys.snapshot(m.get("position"), kind)));
                }
            }
        });
        return head;
    }

    /** The current snapshot, read whole; empty when none was taken. */
    Optional<Snapshot> load() {
        Optional<Map<String, String>> meta = meta();
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        String position = meta.get().get("position");
        Map<String, Map<String, VersionedObject>> objects = new TreeMap<>();
        for (String kind : meta.get().get("kinds").split(",")) {
            if (!kind.isEmpty()) {
                Map<String, VersionedObject> ofKind = new TreeMap<>();
                scan(keys.snapshot(position, kind), (id, payload) -> ofKind.put(id, InstanceSerializer.object(kind, id, payload)));
                objects.put(kind, ofKind);
            }
        }
        return Optional.of(new Snapshot(position, Long.parseLong(meta.get().get("seq")), objects));
    }

    private Optional<Map<String, String>> meta() {
        Map<String, String> meta = redis.call(c -> c.hgetall(keys.snapshotMeta()));
        return meta == null || meta.isEmpty() ? Optional.empty() : Optional.of(meta);
    }

    /** Kinds that have a view hash, found by their key names. */
    List<String> viewKinds() {
        List<String> kinds = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor from = cursor;
            var page = redis.call(c -> c.scan(from, ScanArgs.Builder.matches(keys.viewPattern()).limit(PAGE)));
            page.getKeys().forEach(k -> kinds.add(keys.kindOfView(k)));
            cursor = page;
        } while (!cursor.isFinished());
        return kinds.stream().distinct().sorted().toList();
    }

    private void copy(String from, String to) {
        redis.call(c -> c.del(to));
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor at = cursor;
            MapScanCursor<String, String> page = redis.call(c -> c.hscan(from, at, ScanArgs.Builder.limit(PAGE)));
            if (!page.getMap().isEmpty()) {
                redis.call(c -> c.hset(to, page.getMap()));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    /** Every field of a hash, page by page. */
    void scan(String hash, java.util.function.BiConsumer<String, String> each) {
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            ScanCursor at = cursor;
            MapScanCursor<String, String> page = redis.call(c -> c.hscan(hash, at, ScanArgs.Builder.limit(PAGE)));
            page.getMap().forEach(each);
            cursor = page;
        } while (!cursor.isFinished());
    }
}
