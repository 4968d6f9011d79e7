package dev.beamplayground.redis;

import dev.beamplayground.config.RedisConfigured;
import dev.beamplayground.redis.resp.RespEndpoint;
import dev.beamplayground.redis.resp.RespPool;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The Redis connections of a function, made on the first request that uses Redis, never at start (the pool
 * connects on its first borrow). See {@link RedisConnections} for how failures behave.
 */
@Factory
@Requires(condition = RedisConfigured.class)
public class RedisConnectionFactory {

    @Singleton
    @Bean(preDestroy = "close")
    RedisConnections redisConnections(RedisTarget target, RedisClientSettings settings) {
        // RESP2, the protocol the scripts and commands are written for; no client name or library labels on the
        // connection (two more commands per connect, refused before Redis 7.2).
        RespEndpoint endpoint = new RespEndpoint(target.host(), target.port(), target.user(), target.password(),
                target.database(), target.tls(), target.ssl().orElse(null), millis(settings.getConnectTimeout()),
                millis(settings.getCommandTimeout()));
        return new RedisConnections(new RespPool(endpoint, settings.getPoolSize(), settings.getCommandTimeout()),
                target, settings);
    }

    static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
