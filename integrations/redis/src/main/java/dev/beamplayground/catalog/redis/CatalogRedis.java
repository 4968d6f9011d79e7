package dev.beamplayground.catalog.redis;

import dev.beamplayground.redis.RedisCommands;
import dev.beamplayground.redis.RedisConnections;
import dev.beamplayground.redis.RedisFailures;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The catalog cache's way to Redis: the shared connections, each call answered within {@code catalog.redis-timeout}
 * (shorter than other commands': the store can answer instead), every failure translated by {@link RedisFailures}
 * (unavailable, or a fault of ours). What a failure then means is the caller's policy: the reader falls back to the
 * store, the publisher throws.
 */
final class CatalogRedis {
    private final Supplier<RedisConnections> connections;
    private final int timeoutMillis;

    CatalogRedis(Supplier<RedisConnections> connections, Duration timeout) {
        this.connections = connections;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /** Runs commands on a pooled connection; {@code what} names them for the log, never data. */
    <T> T call(String what, Function<RedisCommands, T> commands) {
        // The lookup is translated here (the connections' bean may fail to be made), the commands by the pool.
        RedisConnections shared = RedisFailures.call(what, connections::get);
        return shared.call(what, redis -> {
            redis.timeout(timeoutMillis);
            try {
                return commands.apply(redis);
            } finally {
                redis.resetTimeout((int) shared.commandTimeout().toMillis());
            }
        });
    }

    /** A script's answer; {@code what} names it for the log. */
    Object eval(String what, String script, String[] keys, String... args) {
        return call(what, redis -> redis.eval(script, List.of(keys), List.of(args)));
    }
}
