package dev.beamplayground.store.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamplayground.domain.error.InternalException;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The log in Redis: a stream of events and a transaction counter, appended to only by one Lua script
 * that checks the counter, adds all events of a transaction and applies their changes to the view and
 * its indexes ({@link Transaction}). Redis runs a script atomically and writes its effects to the
 * append-only file as one MULTI/EXEC block, which a restart replays whole or not at all; so a
 * transaction's events and its view changes are there all together or not at all.
 */
final class EventLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /**
     * KEYS[1] log, KEYS[2] transaction counter, KEYS[3] head; further keys are named by their index in
     * the operations. ARGV[1]: the counter the writer read before computing; then operations, each an
     * opcode and its arguments (see {@link Transaction}). Answers {0, counter} when another writer got
     * there first, else {1, new counter, id of the last entry}.
     */
    static final String APPEND = """
            local current = tonumber(redis.call('GET', KEYS[2]) or '0')
            if current ~= tonumber(ARGV[1]) then
              return {0, current}
            end
            local seq = current + 1
            redis.call('SET', KEYS[2], seq)
            local last = ''
            local i = 2
            while i <= #ARGV do
              local op = ARGV[i]
              if op == 'E' then
                local fields = {'seq', seq, 'type', ARGV[i + 1]}
                if ARGV[i + 2] == '' then
                  fields[5] = 'op'; fields[6] = 'del'
                else
                  fields[5] = 'op'; fields[6] = 'put'; fields[7] = 'payload'; fields[8] = ARGV[i + 2]
                end
                if ARGV[i + 3] == '1' then
                  fields[#fields + 1] = 'end'; fields[#fields + 1] = '1'
                end
                last = redis.call('XADD', KEYS[1], '*', unpack(fields))
                i = i + 4
              elseif op == 'HSET' then
                redis.call('HSET', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2], ARGV[i + 3])
                i = i + 4
              elseif op == 'HDEL' then
                redis.call('HDEL', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2])
                i = i + 3
              elseif op == 'ZADD' then
                redis.call('ZADD', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2], ARGV[i + 3])
                i = i + 4
              elseif op == 'ZREM' then
                redis.call('ZREM', KEYS[tonumber(ARGV[i + 1])], ARGV[i + 2])
                i = i + 3
              elseif op == 'FOLD' then
                -- visits counted beside the object and now folded into it: take away what the writer saw
                -- (0 - n, not -n: Lua writes -0 as "-0", which HINCRBY refuses, and a writer may have seen a
                -- last visit time beside a count of 0)
                local counts, lasts, id = KEYS[tonumber(ARGV[i + 1])], KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3]
                if redis.call('HINCRBY', counts, id, 0 - tonumber(ARGV[i + 4])) <= 0 then
                  redis.call('HDEL', counts, id)
                end
                if (redis.call('HGET', lasts, id) or '') == ARGV[i + 5] then
                  redis.call('HDEL', lasts, id)
                end
                i = i + 6
              elseif op == 'VISITED' then
                -- the stale index: the later of the object's last visit and one counted beside it
                local index, lasts, id = KEYS[tonumber(ARGV[i + 1])], KEYS[tonumber(ARGV[i + 2])], ARGV[i + 3]
                local visited = tonumber(ARGV[i + 4])
                local beside = tonumber(redis.call('HGET', lasts, id) or '0')
                if beside > visited then
                  visited = beside
                end
                redis.call('ZADD', index, visited, id)
                i = i + 5
              else
                return redis.error_reply('unknown operation ' .. op)
              end
            end
            redis.call('SET', KEYS[3], last)
            return {1, seq, last}
            """;

    private final EventConnection redis;
    private final EventKeys keys;
    private final List<String> modelPrefix;

    EventLog(EventConnection redis, EventKeys keys) {
        this.redis = redis;
        this.keys = keys;
        this.modelPrefix = redis.settings().modelPrefix();
    }

    /** A transaction that made it into the log: its number and the stream id of its last entry. */
    record Appended(long seq, String lastStreamId) {
    }

    /**
     * Appends the transaction if the log's last transaction is still {@code expectedSeq}; returns once the
     * write is durable as {@link EventSettings#durability()} says.
     *
     * @return empty when another writer appended first: read again and compute again
     */
    Optional<Appended> append(long expectedSeq, Transaction transaction) {
        List<Object> reply = redis.script(APPEND, ScriptOutputType.MULTI, transaction.keys(),
                transaction.args(expectedSeq));
        if (((Long) reply.get(0)) == 0L) {
            return Optional.empty();
        }
        redis.awaitReplicas();
        return Optional.of(new Appended((Long) reply.get(1), (String) reply.get(2)));
    }

    /** Up to {@code count} entries after the stream id {@code after}, in log order. */
    List<LogEntry> read(String after, int count) {
        List<StreamMessage<String, String>> messages = redis.call(c -> c.xread(XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.from(keys.log(), after)));
        return entries(messages);
    }

    /** Up to {@code count} entries at or before {@code atOrBefore}, newest first. */
    List<LogEntry> readBackwards(String atOrBefore, int count) {
        return entries(redis.call(c -> c.xrevrange(keys.log(), Range.create("-", atOrBefore),
                io.lettuce.core.Limit.from(count))));
    }

    private List<LogEntry> entries(List<StreamMessage<String, String>> messages) {
        List<LogEntry> out = new ArrayList<>(messages == null ? 0 : messages.size());
        if (messages != null) {
            for (StreamMessage<String, String> m : messages) {
                out.add(entry(m.getId(), m.getBody()));
            }
        }
        return out;
    }

    /** The event type as stored: a JSON array {@code [prefix..., kind, id]}. */
    String type(String kind, String id) {
        List<String> type = new ArrayList<>(modelPrefix);
        type.add(kind);
        type.add(id);
        try {
            return JSON.writeValueAsString(type);
        } catch (JsonProcessingException e) {
            throw new InternalException("an event type cannot be written", e);
        }
    }

    private LogEntry entry(String streamId, Map<String, String> body) {
        try {
            long seq = Long.parseLong(body.getOrDefault("seq", ""));
            boolean end = "1".equals(body.get("end"));
            List<String> type = JSON.readValue(body.getOrDefault("type", ""), STRINGS);
            if (type.size() != modelPrefix.size() + 2 || !type.subList(0, modelPrefix.size()).equals(modelPrefix)) {
                return new LogEntry(streamId, seq, end, null); // another model's event in a shared stream
            }
            String kind = type.get(modelPrefix.size());
            String id = type.get(modelPrefix.size() + 1);
            String op = body.get("op");
            if ("del".equals(op)) {
                return new LogEntry(streamId, seq, end, Event.tombstone(kind, id));
            }
            if (!"put".equals(op) || body.get("payload") == null) {
                throw new InternalException("event " + streamId + " has no valid op");
            }
            return new LogEntry(streamId, seq, end, Event.put(InstanceSerializer.object(kind, id, body.get("payload"))));
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new InternalException("event " + streamId + " of the log cannot be read", e);
        }
    }
}
