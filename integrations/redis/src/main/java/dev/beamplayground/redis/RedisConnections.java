package dev.beamplayground.redis;

import java.time.Duration;
import java.util.function.Function;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A function's connections to Redis: a pool of blocking connections for commands, sized for the requests an
 * instance serves at once, and dedicated connections for subscriptions. Fail-fast: a connect gives up after
 * {@code playground.redis.connect-timeout}, an answer after {@code command-timeout}, a request waits for a pooled
 * connection no longer than that. A connection that failed is dropped with every idle one (they went to the same
 * server, which is gone or restarted), so the next call connects anew and Redis coming back is noticed at once.
 */
public final class RedisConnections implements AutoCloseable {
    private final ConnectionPool pool;
    private final HostAndPort endpoint;
    private final JedisClientConfig config;
    private final Duration commandTimeout;

    RedisConnections(ConnectionPool pool, HostAndPort endpoint, JedisClientConfig config, Duration commandTimeout) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.config = config;
        this.commandTimeout = commandTimeout;
    }

    /**
     * Runs commands on a pooled connection; failures translated by {@link RedisFailures}. {@code what} names the
     * operation for the log, never data.
     */
    public <T> T call(String what, Function<RedisCommands, T> commands) {
        return RedisFailures.call(what, () -> {
            try (Connection connection = pool.getResource()) {
                return commands.apply(new RedisCommands(connection));
            } catch (JedisConnectionException e) {
                pool.clear();
                throw e;
            }
        });
    }

    /** A connection of its own (a subscription holds it); the caller closes it. */
    public Connection dedicated() {
        return new Connection(endpoint, config);
    }

    public Duration commandTimeout() {
        return commandTimeout;
    }

    @Override
    public void close() {
        pool.close();
    }
}
