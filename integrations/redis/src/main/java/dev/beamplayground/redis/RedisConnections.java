package dev.beamplayground.redis;

import dev.beamplayground.redis.resp.RespConnection;
import dev.beamplayground.redis.resp.RespConnectionException;
import dev.beamplayground.redis.resp.RespPool;
import java.time.Duration;
import java.util.function.Function;
import redis.clients.jedis.Connection;

/**
 * A function's connections to Redis: a pool of blocking connections for commands ({@code redis.resp}), sized for the
 * requests an instance serves at once, and dedicated connections for subscriptions (Jedis, see
 * {@link SubscriptionConnection}). Fail-fast: a connect gives up after {@code playground.redis.connect-timeout}, an
 * answer after {@code command-timeout}, a request waits for a pooled connection no longer than that. A connection
 * that failed is dropped with every idle one (they went to the same server, which is gone or restarted), so the next
 * call connects anew and Redis coming back is noticed at once.
 */
public final class RedisConnections implements AutoCloseable {
    private final RespPool pool;
    private final RedisTarget target;
    private final RedisClientSettings settings;

    RedisConnections(RespPool pool, RedisTarget target, RedisClientSettings settings) {
        this.pool = pool;
        this.target = target;
        this.settings = settings;
    }

    /**
     * Runs commands on a pooled connection; failures translated by {@link RedisFailures}. {@code what} names the
     * operation for the log, never data.
     */
    public <T> T call(String what, Function<RedisCommands, T> commands) {
        return RedisFailures.call(what, () -> {
            RespConnection connection = null;
            try {
                connection = pool.borrow();
                return commands.apply(new RedisCommands(connection));
            } catch (RespConnectionException e) {
                pool.clear();
                throw e;
            } finally {
                if (connection != null) {
                    pool.release(connection);
                }
            }
        });
    }

    /** A connection of its own (a subscription holds it); the caller closes it. */
    public Connection dedicated() {
        return SubscriptionConnection.open(target, settings);
    }

    public Duration commandTimeout() {
        return settings.getCommandTimeout();
    }

    @Override
    public void close() {
        pool.close();
    }
}
