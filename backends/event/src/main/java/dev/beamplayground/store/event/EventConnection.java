package dev.beamplayground.store.event;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one connection of a store to the Redis server holding its log and view, made on first use: checks
 * the durability the configuration promises, runs Lua scripts by their digest (loading them again after
 * a server restart) and turns Redis failures into the store's errors. Thread-safe: Lettuce multiplexes
 * the calls of all threads on the connection.
 */
final class EventConnection implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** How long a write waits for its replicas; below {@link #TIMEOUT}, so the answer is WAIT's, not a timeout. */
    static final Duration REPLICA_TIMEOUT = Duration.ofSeconds(2);

    private final EventSettings settings;
    private final Map<String, String> digests = new ConcurrentHashMap<>();
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    EventConnection(EventSettings settings) {
        this.settings = settings;
    }

    EventSettings settings() {
        return settings;
    }

    @FunctionalInterface
    interface Command<T> {
        T run(RedisCommands<String, String> c);
    }

    /** Runs a command on the connection (made on first use); Redis failures become the store's errors. */
    <T> T call(Command<T> command) {
        try {
            return command.run(commands());
        } catch (RedisCommandExecutionException e) {
            throw translate(e);
        } catch (RedisException e) {
            throw new StoreUnavailableException("the event log in Redis cannot be reached", e);
        }
    }

    /** Runs a script by its digest; a server that restarted (and lost its script cache) is checked and loaded again. */
    <T> T script(String script, ScriptOutputType type, String[] keys, String... args) {
        return call(c -> {
            try {
                return c.evalsha(digest(c, script), type, keys, args);
            } catch (RedisNoScriptException e) {
                digests.clear();
                prepare(c);
                return c.evalsha(digest(c, script), type, keys, args);
            }
        });
    }

    private String digest(RedisCommands<String, String> c, String script) {
        return digests.computeIfAbsent(script, c::scriptLoad);
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

    private synchronized RedisCommands<String, String> commands() {
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

    /** Checks the durability the configuration promises: on connecting and after a restart of the server. */
    private void prepare(RedisCommands<String, String> c) {
        if (settings.durability() != EventSettings.Durability.FSYNC) {
            return;
        }
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

    /** After a write: waits for the configured replicas; unavailable when too few acknowledged in time. */
    void awaitReplicas() {
        if (settings.replicas() > 0) {
            long acknowledged = call(c -> c.waitForReplication(settings.replicas(), REPLICA_TIMEOUT.toMillis()));
            if (acknowledged < settings.replicas()) {
                throw new StoreUnavailableException("the event log write reached " + acknowledged + " of "
                        + settings.replicas() + " replicas in time; it is on the primary", null);
            }
        }
    }

    @Override
    public synchronized void close() {
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
