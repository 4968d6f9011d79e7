package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.versioning.VersionedObject;
import io.lettuce.core.ScoredValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the view and its indexes anew from a replay (the snapshot plus the log after it, or the whole
 * log while untrimmed). The visits counted beside snippets are kept (they are in no log), those of
 * snippets that no longer exist dropped. Run with the writers stopped: a write during the rebuild may be
 * lost from the view (not from the log; run it again).
 */
final class ViewRebuild {
    private static final int PAGE = 500;

    private final EventConnection redis;
    private final EventKeys keys;
    private final EventLog log;
    private final ViewSnapshot snapshot;

    ViewRebuild(EventConnection redis, EventKeys keys, EventLog log, ViewSnapshot snapshot) {
        this.redis = redis;
        this.keys = keys;
        this.log = log;
        this.snapshot = snapshot;
    }

    /** @return entities written and transactions replayed */
    String rebuild() {
        LogReplay state = ViewCheck.replay(redis, keys, log, snapshot);
        Set<String> kinds = new TreeSet<>(state.kinds());
        kinds.addAll(snapshot.viewKinds());
        List<String> drop = new ArrayList<>(List.of(keys.persistenceKeyIndex(), keys.exampleOriginIndex()));
        EventKeys.USER_ORIGINS.forEach(o -> drop.add(keys.lastVisitIndex(o)));
        for (String kind : kinds) {
            drop.add(keys.view(kind));
            drop.add(keys.ids(kind));
        }
        redis.call(c -> c.del(drop.toArray(String[]::new)));
        long written = 0;
        Map<String, List<ScoredValue<String>>> lex = new HashMap<>();
        for (String kind : kinds) {
            List<VersionedObject> objects = List.copyOf(state.all(kind).values());
            for (int from = 0; from < objects.size(); from += PAGE) {
                List<VersionedObject> page = objects.subList(from, Math.min(objects.size(), from + PAGE));
                Map<String, String> payloads = new LinkedHashMap<>();
                List<ScoredValue<String>> ids = new ArrayList<>();
                for (VersionedObject o : page) {
                    payloads.put(o.key(), InstanceSerializer.payload(o));
                    ids.add(ScoredValue.just(0, o.key()));
                    ViewIndexes.lexEntries(keys, o).forEach((index, member) ->
                            lex.computeIfAbsent(index, i -> new ArrayList<>()).add(ScoredValue.just(0, member)));
                }
                redis.call(c -> c.hset(keys.view(kind), payloads));
                redis.call(c -> c.zadd(keys.ids(kind), ids.toArray(ScoredValue[]::new)));
                written += page.size();
            }
        }
        lex.forEach((index, members) -> {
            for (int from = 0; from < members.size(); from += PAGE) {
                List<ScoredValue<String>> page = members.subList(from, Math.min(members.size(), from + PAGE));
                redis.call(c -> c.zadd(index, page.toArray(ScoredValue[]::new)));
            }
        });
        rebuildVisits(state.all(Snippet.KIND));
        if (!state.position().equals(LogReplay.START)) {
            redis.call(c -> c.set(keys.head(), state.position()));
        }
        return "view rebuilt: " + written + " entities from a replay up to transaction " + state.seq()
                + " (" + state.entries() + " log entries read)";
    }

    private void rebuildVisits(Map<String, VersionedObject> snippets) {
        Map<String, String> lasts = redis.call(c -> c.hgetall(keys.visitLast()));
        Set<String> counted = new TreeSet<>(lasts.keySet());
        counted.addAll(redis.call(c -> c.hkeys(keys.visitCounts())));
        for (String id : counted) {
            if (!snippets.containsKey(id)) {
                redis.call(c -> c.hdel(keys.visitCounts(), id) + c.hdel(keys.visitLast(), id));
            }
        }
        for (VersionedObject o : snippets.values()) {
            ViewIndexes.lastVisitIndex(keys, o).ifPresent(index -> redis.call(c -> c.zadd(index,
                    (double) Math.max(ViewIndexes.lastVisitedMillis(o), Long.parseLong(lasts.getOrDefault(o.key(), "0"))),
                    o.key())));
        }
    }
}
