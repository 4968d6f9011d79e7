package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.versioning.VersionedObject;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads of the materialized view: the latest object of every live entity in one hash per kind, the
 * indexes beside it and the visits counted beside the snippets, all kept by the append script in the
 * same transaction as the log. A reader looks up what it needs; nothing is replayed or held in memory.
 */
final class View {
    /** Reads that span several calls are repeated when a transaction landed between their first and last call. */
    private static final int READ_ATTEMPTS = 50;

    /**
     * A snippet with its files in one atomic step, counting a visit when ARGV[2] (epoch ms) is not empty.
     * KEYS: snippet view, file view, visit counts, visit times, the two last-visit indexes. ARGV[1]: id.
     * Answers {} when absent, else {snippet, visit count, last visit or '', files in order...}.
     */
    static final String READ_SNIPPET = """
            local snippet = redis.call('HGET', KEYS[1], ARGV[1])
            if not snippet then
              return {}
            end
            local count = redis.call('HGET', KEYS[3], ARGV[1]) or '0'
            local last = redis.call('HGET', KEYS[4], ARGV[1]) or ''
            if ARGV[2] ~= '' then
              count = tostring(redis.call('HINCRBY', KEYS[3], ARGV[1], 1))
              if last == '' or tonumber(last) < tonumber(ARGV[2]) then
                last = ARGV[2]
                redis.call('HSET', KEYS[4], ARGV[1], last)
              end
              redis.call('ZADD', KEYS[5], 'XX', 'GT', last, ARGV[1])
              redis.call('ZADD', KEYS[6], 'XX', 'GT', last, ARGV[1])
            end
            local reply = {snippet, count, last}
            local n = 0
            while true do
              local file = redis.call('HGET', KEYS[2], ARGV[1] .. '_' .. n)
              if not file then
                break
              end
              reply[#reply + 1] = file
              n = n + 1
            end
            return reply
            """;

    private final EventConnection redis;
    private final EventKeys keys;

    View(EventConnection redis, EventKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    EventKeys keys() {
        return keys;
    }

    /** The number of the log's last transaction: the version of the whole view. */
    long seq() {
        String seq = redis.call(c -> c.get(keys.seq()));
        return seq == null ? 0 : Long.parseLong(seq);
    }

    /** A read whose parts (several calls) describe one transaction: repeated while writes land in between. */
    <T> T consistent(Supplier<T> query) {
        for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
            long before = seq();
            T result;
            try {
                result = query.get();
            } catch (TornRead torn) {
                if (seq() == before) {
                    throw new InternalException("the event view is damaged: " + torn.getMessage());
                }
                continue;
            }
            if (seq() == before) {
                return result;
            }
        }
        throw new StoreUnavailableException("the event view kept changing under this read", null);
    }

    /** Thrown inside {@link #consistent} when the parts read do not fit together. */
    static final class TornRead extends RuntimeException {
        TornRead(String message) {
            super(message, null, false, false);
        }
    }

    VersionedObject object(String kind, String id) {
        String payload = redis.call(c -> c.hget(keys.view(kind), id));
        return payload == null ? null : InstanceSerializer.object(kind, id, payload);
    }

    /** The objects of those ids that exist, in the order of {@code ids}. */
    Map<String, VersionedObject> objects(String kind, List<String> ids) {
        Map<String, VersionedObject> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<KeyValue<String, String>> values = redis.call(c -> c.hmget(keys.view(kind), ids.toArray(String[]::new)));
        for (KeyValue<String, String> kv : values) {
            if (kv.hasValue()) {
                out.put(kv.getKey(), InstanceSerializer.object(kind, kv.getKey(), kv.getValue()));
            }
        }
        return out;
    }

    /** The visits counted beside the objects of these snippets. */
    Map<String, Visits> visits(List<String> ids) {
        Map<String, Visits> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String[] fields = ids.toArray(String[]::new);
        List<KeyValue<String, String>> counts = redis.call(c -> c.hmget(keys.visitCounts(), fields));
        List<KeyValue<String, String>> lasts = redis.call(c -> c.hmget(keys.visitLast(), fields));
        for (int i = 0; i < fields.length; i++) {
            out.put(fields[i], Visits.of(counts.get(i).getValueOrElse(null), lasts.get(i).getValueOrElse(null)));
        }
        return out;
    }

    /** Up to {@code limit} ids of a kind after {@code afterId} ({@code ""}: from the first), in id order. */
    List<String> ids(String kind, String afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Range<String> range = afterId.isEmpty() ? Range.unbounded()
                : Range.from(Range.Boundary.excluding(afterId), Range.Boundary.unbounded());
        return redis.call(c -> c.zrangebylex(keys.ids(kind), range, Limit.create(0, limit)));
    }

    long count(String kind) {
        return redis.call(c -> c.hlen(keys.view(kind)));
    }

    List<String> byPersistenceKey(String persistenceKey) {
        return membersAfter(keys.persistenceKeyIndex(), ViewIndexes.persistenceKeyPrefix(persistenceKey));
    }

    List<String> examplesOf(String origin) {
        return membersAfter(keys.exampleOriginIndex(), origin + ":");
    }

    /** Members of a lex index that start with {@code prefix} (which ends with ':'), the prefix taken off. */
    private List<String> membersAfter(String index, String prefix) {
        String upTo = prefix.substring(0, prefix.length() - 1) + ";"; // ';' follows ':'
        List<String> members = redis.call(c -> c.zrangebylex(index,
                Range.from(Range.Boundary.including(prefix), Range.Boundary.excluding(upTo))));
        List<String> ids = new ArrayList<>(members.size());
        members.forEach(m -> ids.add(m.substring(prefix.length())));
        return ids;
    }

    /** Up to {@code limit} snippets of a user origin last visited before {@code cutoff}, least recent first. */
    List<ScoredValue<String>> lastVisitedBefore(String userOrigin, Instant cutoff, int limit) {
        // lVisited is kept in whole milliseconds: before the cutoff = before the first millisecond not before it.
        long bound = cutoff.toEpochMilli() + (cutoff.getNano() % 1_000_000 == 0 ? 0 : 1);
        return redis.call(c -> c.zrangebyscoreWithScores(keys.lastVisitIndex(userOrigin),
                Range.from(Range.Boundary.unbounded(), Range.Boundary.excluding(bound)), Limit.create(0, limit)));
    }

    /** A snippet object with its visits folded in and its files' objects, atomically; optionally counting a visit. */
    record SnippetRead(VersionedObject snippet, List<VersionedObject> files) {
    }

    SnippetRead readSnippet(String id, Instant visitAt) {
        String[] scriptKeys = {keys.view(Snippet.KIND), keys.view(Snippet.FILE_KIND), keys.visitCounts(),
                keys.visitLast(), keys.lastVisitIndex("PG_USER"), keys.lastVisitIndex("TB_USER")};
        List<Object> reply = redis.script(READ_SNIPPET, ScriptOutputType.MULTI, scriptKeys, id,
                visitAt == null ? "" : Long.toString(visitAt.toEpochMilli()));
        if (reply == null || reply.isEmpty()) {
            return null;
        }
        VersionedObject snippet = Visits.of((String) reply.get(1), (String) reply.get(2))
                .foldInto(InstanceSerializer.object(Snippet.KIND, id, (String) reply.get(0)));
        List<VersionedObject> files = new ArrayList<>(reply.size() - 3);
        for (int n = 3; n < reply.size(); n++) {
            files.add(InstanceSerializer.object(Snippet.FILE_KIND, id + "_" + (n - 3), (String) reply.get(n)));
        }
        return new SnippetRead(snippet, files);
    }
}
