package dev.beamplayground.redis;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs Lua scripts on the shared connection: EVALSHA, loading the script on NOSCRIPT (first use, or after a
 * Redis restart lost the cache). Through the async API, awaited as Lettuce's sync API awaits (same timeout,
 * same exceptions): the sync API's dynamic proxy would cost a new instance 0.1-0.8 s to generate in its first
 * request. Failures are translated by {@link RedisFailures}.
 */
public final class ScriptRunner {
    private final Supplier<StatefulRedisConnection<String, String>> connection;
    private final ConcurrentHashMap<String, String> shas = new ConcurrentHashMap<>();

    /** @param connection the shared connection, asked for on every call so that a failed first connect is retried */
    public ScriptRunner(Supplier<StatefulRedisConnection<String, String>> connection) {
        this.connection = connection;
    }

    /** {@code what} names the operation for the log, never data. The script answers a Lua table. */
    public List<Object> run(String what, String script, String[] keys, String... args) {
        return RedisFailures.call(what, () -> {
            StatefulRedisConnection<String, String> c = connection.get();
            RedisAsyncCommands<String, String> commands = c.async();
            long timeout = c.getTimeout().toNanos();
            String sha = shas.computeIfAbsent(script, commands::digest);
            try {
                return LettuceFutures.awaitOrCancel(commands.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys,
                        args), timeout, TimeUnit.NANOSECONDS);
            } catch (RedisNoScriptException e) {
                return LettuceFutures.awaitOrCancel(commands.<List<Object>>eval(script, ScriptOutputType.MULTI, keys,
                        args), timeout, TimeUnit.NANOSECONDS);
            }
        });
    }

    /** The connection's async commands, for plain commands awaited with {@link #await}. */
    public RedisAsyncCommands<String, String> commands() {
        return connection.get().async();
    }

    /** Awaits a plain command with the connection's timeout, failures translated. */
    public <T> T await(String what, Supplier<io.lettuce.core.RedisFuture<T>> command) {
        return RedisFailures.call(what, () -> LettuceFutures.awaitOrCancel(command.get(),
                connection.get().getTimeout().toNanos(), TimeUnit.NANOSECONDS));
    }
}
