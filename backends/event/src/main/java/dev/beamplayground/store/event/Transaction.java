package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One write as the append script takes it: its events for the log, and the changes they make to the
 * view, the indexes and the visits counted beside snippets, computed from each entity's object before
 * the write (as read by the attempt, valid because the script checks the counter). Operations:
 * {@code E type payload end}, {@code HSET k field value}, {@code HDEL k field}, {@code ZADD k score member},
 * {@code ZREM k member}, {@code FOLD counts lasts id seenCount seenLast} (visits now inside the written
 * object), {@code VISITED index lasts id objectLastVisitMs} (the last-visit index).
 */
final class Transaction {
    private final Map<String, Integer> keyIndex = new LinkedHashMap<>();
    private final List<String> ops = new ArrayList<>();

    private Transaction(EventKeys keys) {
        key(keys.log());
        key(keys.seq());
        key(keys.head());
    }

    /** @param events at least one; the entity of each is read from {@code reads} unless the attempt has it */
    static Transaction of(EventLog log, EventKeys keys, List<Event> events, Reads reads) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one event");
        }
        prefetchBefore(events, reads);
        Transaction tx = new Transaction(keys);
        Map<String, Optional<VersionedObject>> current = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            String entity = e.kind() + "\n" + e.id();
            Optional<VersionedObject> before = current.containsKey(entity) ? current.get(entity)
                    : Optional.ofNullable(reads.get(e.kind(), e.id()));
            current.put(entity, Optional.ofNullable(e.object()));
            tx.ops(List.of("E", log.type(e.kind(), e.id()),
                    e.isTombstone() ? "" : InstanceSerializer.payload(e.object()), i == events.size() - 1 ? "1" : "0"));
            tx.view(keys, e, before.orElse(null), reads);
        }
        return tx;
    }

    private static void prefetchBefore(List<Event> events, Reads reads) {
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        for (Event e : events) {
            ids.computeIfAbsent(e.kind(), k -> new LinkedHashSet<>()).add(e.id());
        }
        ids.forEach((kind, of) -> reads.prefetch(kind, of));
        Set<String> snippets = ids.get(Snippet.KIND);
        if (snippets != null) {
            reads.prefetchVisits(snippets.stream().filter(id -> !reads.sawVisits(id)).toList());
        }
    }

    private void view(EventKeys keys, Event e, VersionedObject before, Reads reads) {
        VersionedObject after = e.object();
        String view = keys.view(e.kind());
        if (after == null) {
            ops(List.of("HDEL", key(view), e.id()));
        } else {
            ops(List.of("HSET", key(view), e.id(), InstanceSerializer.payload(after)));
        }
        if ((before == null) != (after == null)) {
            ops(after == null ? List.of("ZREM", key(keys.ids(e.kind())), e.id())
                    : List.of("ZADD", key(keys.ids(e.kind())), "0", e.id()));
        }
        Map<String, String> old = before == null ? Map.of() : ViewIndexes.lexEntries(keys, before);
        Map<String, String> now = after == null ? Map.of() : ViewIndexes.lexEntries(keys, after);
        old.forEach((index, member) -> {
            if (!member.equals(now.get(index))) {
                ops(List.of("ZREM", key(index), member));
            }
        });
        now.forEach((index, member) -> {
            if (!member.equals(old.get(index))) {
                ops(List.of("ZADD", key(index), "0", member));
            }
        });
        if (!e.kind().equals(Snippet.KIND)) {
            return;
        }
        String counts = keys.visitCounts();
        String lasts = keys.visitLast();
        if (after == null) {
            ops(List.of("HDEL", key(counts), e.id()));
            ops(List.of("HDEL", key(lasts), e.id()));
        } else {
            Visits seen = reads.seenVisits(e.id());
            if (!seen.isNone()) {
                ops(List.of("FOLD", key(counts), key(lasts), e.id(), Long.toString(seen.count()), seen.last()));
            }
        }
        Optional<String> oldIndex = before == null ? Optional.empty() : ViewIndexes.lastVisitIndex(keys, before);
        Optional<String> newIndex = after == null ? Optional.empty() : ViewIndexes.lastVisitIndex(keys, after);
        if (oldIndex.isPresent() && !Objects.equals(oldIndex, newIndex)) {
            ops(List.of("ZREM", key(oldIndex.get()), e.id()));
        }
        newIndex.ifPresent(index -> ops(List.of("VISITED", key(index), key(lasts), e.id(),
                Long.toString(ViewIndexes.lastVisitedMillis(after)))));
    }

    private void ops(List<String> op) {
        ops.addAll(op);
    }

    /** The index of a key in KEYS (Lua counts from 1), added when new. */
    private String key(String name) {
        return Integer.toString(keyIndex.computeIfAbsent(name, n -> keyIndex.size() + 1));
    }

    String[] keys() {
        return keyIndex.keySet().toArray(String[]::new);
    }

    String[] args(long expectedSeq) {
        String[] args = new String[1 + ops.size()];
        args[0] = Long.toString(expectedSeq);
        for (int i = 0; i < ops.size(); i++) {
            args[i + 1] = ops.get(i);
        }
        return args;
    }
}
