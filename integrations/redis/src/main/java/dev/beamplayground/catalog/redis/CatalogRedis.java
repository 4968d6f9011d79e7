package dev.beamplayground.catalog.redis;

import dev.beamplayground.redis.RedisFailures;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The catalog cache's way to Redis: the shared connection, awaited with {@code catalog.redis-timeout}, every
 * failure translated by {@link RedisFailures} (unavailable, or a fault of ours). What a failure then means is
 * the caller's policy: the reader falls back to the store, the publisher throws.
 */
final class CatalogRedis {
    private final Supplier<StatefulRedisConnection<String, String>> connection;
    private final Duration timeout;

    CatalogRedis(Supplier<StatefulRedisConnection<String, String>> connection, Duration timeout) {
        this.connection = connection;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** Runs calls to Redis ({@link #commands}, {@link #await}); {@code what} names them for the log, never data. */
    <T> T call(String what, Supplier<T> calls) {
        return RedisFailures.call(what, calls);
    }

    /** The connection's commands; only inside {@link #call}, as it throws Lettuce's exceptions. */
    RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection.get();
        if (!c.isOpen()) {
            // Commands would be rejected until Lettuce reconnects; the caller's fallback answers sooner.
            throw new RedisConnectionException("the Redis connection is not open");
        }
        return c.async();
    }

    /** A command's answer within the timeout (cancelled when it passes); only inside {@link #call}. */
    <T> T await(RedisFuture<T> future) {
        return LettuceFutures.awaitOrCancel(future, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
