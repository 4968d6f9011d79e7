package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.versioning.VersionedObject;
import io.lettuce.core.ScoredValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the view with a replay of the log: every kind's objects, the ids in order, the indexes, and
 * the visits counted beside snippets (only of live snippets; the last-visit index is the later of the
 * object's and the counted visit). The replay runs from the start of the log, or from the snapshot when
 * the log has been trimmed. For a store nobody writes to meanwhile (a test store, or writers stopped);
 * a write during the check makes it start again.
 */
final class ViewCheck {
    private static final int ATTEMPTS = 5;
    private static final int REPORTED = 50;

    private final EventConnection redis;
    private final EventKeys keys;
    private final EventLog log;
    private final ViewSnapshot snapshot;

    ViewCheck(EventConnection redis, EventKeys keys, EventLog log, ViewSnapshot snapshot) {
        this.redis = redis;
        this.keys = keys;
        this.log = log;
        this.snapshot = snapshot;
    }

    /** The state the log describes: from its start while untrimmed, else from the snapshot. */
    static LogReplay replay(EventConnection redis, EventKeys keys, EventLog log, ViewSnapshot snapshot) {
        String trimmed = redis.call(c -> c.get(keys.trimmed()));
        if (trimmed == null) {
            return LogReplay.fromStart(log);
        }
        ViewSnapshot.Snapshot s = snapshot.load().orElseThrow(() -> new IllegalStateException(
                "the log was trimmed but there is no snapshot of the view: cannot replay"));
        if (StreamIds.compare(trimmed, StreamIds.next(s.position())) > 0) {
            throw new IllegalStateException("the log was trimmed past the snapshot's position: cannot replay");
        }
        return LogReplay.fromSnapshot(s, log);
    }

    /** @return the differences found, at most {@value #REPORTED} and a count of the rest; empty when they agree */
    List<String> differences() {
        View view = new View(redis, keys);
        for (int attempt = 1; ; attempt++) {
            long before = view.seq();
            List<String> found = compare(replay(redis, keys, log, snapshot));
            if (view.seq() == before || attempt == ATTEMPTS) {
                if (found.size() > REPORTED) {
                    List<String> head = new ArrayList<>(found.subList(0, REPORTED));
                    head.add("... and " + (found.size() - REPORTED) + " more");
                    return head;
                }
                return found;
            }
        }
    }

    private List<String> compare(LogReplay state) {
        List<String> out = new ArrayList<>();
        Set<String> kinds = new TreeSet<>(state.kinds());
        kinds.addAll(snapshot.viewKinds());
        Map<String, Map<String, VersionedObject>> live = new HashMap<>();
        for (String kind : kinds) {
            Map<String, VersionedObject> inView = new TreeMap<>();
            snapshot.scan(keys.view(kind), (id, payload) -> inView.put(id, InstanceSerializer.object(kind, id, payload)));
            Map<String, VersionedObject> replayed = state.all(kind);
            live.put(kind, replayed);
            for (Map.Entry<String, VersionedObject> e : replayed.entrySet()) {
                VersionedObject v = inView.get(e.getKey());
                if (v == null) {
                    out.add(kind + " " + e.getKey() + ": missing from the view");
                } else if (!v.equals(e.getValue())) {
                    out.add(kind + " " + e.getKey() + ": differs (view " + v.version() + ", log " + e.getValue().version() + ")");
                }
            }
            inView.keySet().stream().filter(id -> !replayed.containsKey(id))
                    .forEach(id -> out.add(kind + " " + id + ": in the view, not in the log"));
            List<String> ids = redis.call(c -> c.zrange(keys.ids(kind), 0, -1));
            if (!ids.equals(List.copyOf(replayed.keySet()))) {
                out.add(kind + ": the ordered ids (" + ids.size() + ") differ from the log's (" + replayed.size() + ")");
            }
        }
        Map<String, Set<String>> lexExpected = new HashMap<>();
        lexExpected.put(keys.persistenceKeyIndex(), new TreeSet<>());
        lexExpected.put(keys.exampleOriginIndex(), new TreeSet<>());
        live.values().forEach(objects -> objects.values().forEach(o -> ViewIndexes.lexEntries(keys, o)
                .forEach((index, member) -> lexExpected.get(index).add(member))));
        lexExpected.forEach((index, expected) -> {
            List<String> members = redis.call(c -> c.zrange(index, 0, -1));
            Set<String> stored = new TreeSet<>(members);
            if (!stored.equals(expected)) {
                out.add("index " + index + ": " + stored.size() + " members, the log gives " + expected.size());
            }
        });
        Map<String, VersionedObject> snippets = live.getOrDefault(Snippet.KIND, Map.of());
        Map<String, String> lasts = redis.call(c -> c.hgetall(keys.visitLast()));
        Map<String, String> counts = redis.call(c -> c.hgetall(keys.visitCounts()));
        Set<String> counted = new TreeSet<>(lasts.keySet());
        counted.addAll(counts.keySet());
        counted.stream().filter(id -> !snippets.containsKey(id))
                .forEach(id -> out.add("visits of " + id + ": counted for a snippet that does not exist"));
        for (String origin : EventKeys.USER_ORIGINS) {
            String index = keys.lastVisitIndex(origin);
            Map<String, Double> expected = new TreeMap<>();
            snippets.values().forEach(o -> ViewIndexes.lastVisitIndex(keys, o).filter(index::equals).ifPresent(i ->
                    expected.put(o.key(), (double) Math.max(ViewIndexes.lastVisitedMillis(o),
                            Long.parseLong(lasts.getOrDefault(o.key(), "0"))))));
            Map<String, Double> stored = new TreeMap<>();
            for (ScoredValue<String> v : redis.call(c -> c.zrangeWithScores(index, 0, -1))) {
                stored.put(v.getValue(), v.getScore());
            }
            if (!stored.equals(expected)) {
                out.add("index " + index + ": " + stored.size() + " members, the log gives " + expected.size()
                        + (stored.keySet().equals(expected.keySet()) ? " (scores differ)" : ""));
            }
        }
        String head = redis.call(c -> c.get(keys.head()));
        if (!Objects.equals(head == null || head.isEmpty() ? LogReplay.START : head, state.position())) {
            out.add("the view's head " + head + " is not the log's last entry " + state.position());
        }
        return out;
    }
}
