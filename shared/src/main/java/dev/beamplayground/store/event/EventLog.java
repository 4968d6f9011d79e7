package dev.beamplayground.store.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log in Redis: a stream of events ({@code XADD}) and a transaction counter, appended to only by
 * one Lua script that checks the counter and adds all events of a transaction. Redis runs a script
 * atomically and writes its effects to the append-only file as one MULTI/EXEC block, which a restart
 * replays whole or not at all; so a transaction's events are in the log all together or not at all.
 *
 * <p>The connection is made on first use. Not thread-safe beyond what Lettuce gives; the store calls it
 * under its lock.
 */
final class EventLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** How long a write waits for its replicas; below {@link #TIMEOUT}, so the answer is WAIT's, not a timeout. */
    private static final Duration REPLICA_TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /**
     * KEYS: log stream, transaction counter. ARGV[1]: the counter the writer's state is at; then per
     * event its type and payload ('' for a tombstone). Answers {0, counter} when another writer got there
     * first, else {1, new counter, id of the last entry}.
     */
    static final String APPEND = """
            local current = tonumber(redis.call('GET', KEYS[2]) or '0')
            if current ~= tonumber(ARGV[1]) then
              return {0, current}
            end
            local seq = current + 1
            redis.call('SET', KEYS[2], seq)
            local n = (#ARGV - 1) / 2
            local last = ''
            for i = 1, n do
              local fields = {'seq', seq, 'type', ARGV[2 * i]}
              if ARGV[2 * i + 1] == '' then
                fields[5] = 'op'; fields[6] = 'del'
              else
                fields[5] = 'op'; fields[6] = 'put'; fields[7] = 'payload'; fields[8] = ARGV[2 * i + 1]
              end
              if i == n then
                fields[#fields + 1] = 'end'; fields[#fields + 1] = '1'
              end
              last = redis.call('XADD', KEYS[1], '*', unpack(fields))
            end
            return {1, seq, last}
            """;

    private final EventSettings settings;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private String appendSha;

    EventLog(EventSettings settings) {
        this.settings = settings;
    }

    /** A transaction that made it into the log: its number and the stream id of its last entry. */
    record Appended(long seq, String lastStreamId) {
    }

    /**
     * Appends the events as one transaction if the log's last transaction is still {@code expectedSeq};
     * returns once the write is durable as {@link EventSettings#durability()} says.
     *
     * @return empty when another writer appended first: catch up and try again
     */
    Optional<Appended> append(long expectedSeq, List<Event> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one event");
        }
        String[] args = new String[1 + 2 * events.size()];
        args[0] = Long.toString(expectedSeq);
        int i = 1;
        for (Event e : events) {
            args[i++] = type(e.kind(), e.id());
            args[i++] = e.isTombstone() ? "" : InstanceSerializer.payload(e.object());
        }
        String[] keys = {settings.logKey(), settings.seqKey()};
        List<Object> reply = call(c -> {
            try {
                return c.evalsha(appendSha, ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                // The server restarted (and dropped its script cache): check it again, then load anew.
                prepare(c);
                return c.evalsha(appendSha, ScriptOutputType.MULTI, keys, args);
            }
        });
        if (((Long) reply.get(0)) == 0L) {
            return Optional.empty();
        }
        if (settings.replicas() > 0) {
            long acknowledged = call(c -> c.waitForReplication(settings.replicas(), REPLICA_TIMEOUT.toMillis()));
            if (acknowledged < settings.replicas()) {
                throw new StoreUnavailableException("the event log write reached " + acknowledged + " of "
                        + settings.replicas() + " replicas in time; it is on the primary", null);
            }
        }
        return Optional.of(new Appended((Long) reply.get(1), (String) reply.get(2)));
    }

    /** Up to {@code count} entries after the stream id {@code after}, in log order. */
    List<LogEntry> read(String after, int count) {
        List<StreamMessage<String, String>> messages = call(c -> c.xread(XReadArgs.Builder.count(count),
                XReadArgs.StreamOffset.from(settings.logKey(), after)));
        List<LogEntry> out = new ArrayList<>(messages == null ? 0 : messages.size());
        if (messages == null) {
            return out;
        }
        for (StreamMessage<String, String> m : messages) {
            out.add(entry(m.getId(), m.getBody()));
        }
        return out;
    }

    /** The event type as stored: a JSON array {@code [prefix..., kind, id]}. */
    String type(String kind, String id) {
        List<String> type = new ArrayList<>(settings.modelPrefix());
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
            List<String> prefix = settings.modelPrefix();
            if (type.size() != prefix.size() + 2 || !type.subList(0, prefix.size()).equals(prefix)) {
                return new LogEntry(streamId, seq, end, null); // another model's event in a shared stream
            }
            String kind = type.get(prefix.size());
            String id = type.get(prefix.size() + 1);
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

    @FunctionalInterface
    private interface Command<T> {
        T run(RedisCommands<String, String> c);
    }

    /** Runs a command on the connection (made on first use); Redis failures become the store's errors. */
    private <T> T call(Command<T> command) {
        try {
            return command.run(commands());
        } catch (RedisCommandExecutionException e) {
            throw translate(e);
        } catch (RedisException e) {
            throw new StoreUnavailableException("the event log in Redis cannot be reached", e);
        }
    }

    /** Passing states of the server (loading, out of memory, read-only replica, busy) are unavailability. */
    private static RuntimeException translate(RedisCommandExecutionException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        for (String passing : List.of("LOADING", "OOM", "READONLY", "BUSY", "MASTERDOWN", "NOREPLICAS",
                "CLUSTERDOWN", "TRYAGAIN", "MISCONF")) {
            if (message.startsWith(passing)) {
                return new StoreUnavailableException("the event log in Redis refused the command ("
                        + passing + ")", e);
            }
        }
        return new InternalException("the event log command failed", e);
    }

    private RedisCommands<String, String> commands() {
        if (connection == null) {
            RedisURI uri = RedisURI.create(settings.uri());
            uri.setTimeout(TIMEOUT);
            RedisClient created = RedisClient.create(uri);
            // Fail at once while disconnected rather than queueing requests behind a dead server.
            created.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
            try {
                StatefulRedisConnection<String, String> made = created.connect();
                prepare(made.sync());
                client = created;
                connection = made;
            } catch (RuntimeException e) {
                created.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                throw e;
            }
        }
        return connection.sync();
    }

    /** Checks the durability the configuration promises and loads the append script. */
    private void prepare(RedisCommands<String, String> c) {
        if (settings.durability() == EventSettings.Durability.FSYNC) {
            Map<String, String> config;
            try {
                config = c.configGet("appendonly", "appendfsync");
            } catch (RedisCommandExecutionException e) {
                throw new StoreUnavailableException("the event log cannot check that Redis fsyncs every write"
                        + " (CONFIG GET refused); configure durability=replicas for such a server", e);
            }
            if (!"yes".equals(config.get("appendonly")) || !"always".equals(config.get("appendfsync"))) {
                throw new StoreUnavailableException("the event log needs Redis to fsync every write: set"
                        + " appendonly yes and appendfsync always (it has appendonly "
                        + config.get("appendonly") + ", appendfsync " + config.get("appendfsync") + ")", null);
            }
        }
        appendSha = c.scriptLoad(APPEND);
        LOG.debug("event log {} ready", settings.logKey());
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            client = null;
        }
    }
}
