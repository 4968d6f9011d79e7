package dev.beamplayground.redis;

import dev.beamplayground.config.RedisConfigured;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one Redis client of a function and its two connections (commands; Pub/Sub for the cancel watch), made
 * on the first request that uses Redis, never at start. Fail-fast options: commands are rejected at once while
 * disconnected rather than queued, every command times out after {@code playground.redis.command-timeout}, and
 * reconnects back off to at most {@code max-reconnect-delay}, so Redis coming back is noticed within a second.
 * A connection that cannot be made fails its request (503) and the next request tries again.
 */
@Factory
@Requires(condition = RedisConfigured.class)
public class RedisConnectionFactory {
    /** Lettuce's switch for recording its connection events as JFR events (read once, at its first event). */
    static final String LETTUCE_JFR = "io.lettuce.core.jfr";

    @Singleton
    @Bean(preDestroy = "shutdown")
    ClientResources redisClientResources(RedisClientSettings settings) {
        // Lettuce would otherwise load and register some 100 JFR classes on the first connection, in the
        // first request (~0.1 s of a cold start) for events nobody records; -Dio.lettuce.core.jfr=true keeps them.
        if (System.getProperty(LETTUCE_JFR) == null) {
            System.setProperty(LETTUCE_JFR, "false");
        }
        Duration max = settings.getMaxReconnectDelay();
        return DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(Math.min(50, max.toMillis())), max, 2,
                        TimeUnit.MILLISECONDS))
                .build();
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    RedisClient redisClient(ClientResources resources, RedisTarget target, RedisClientSettings settings) {
        RedisClient client = new LazyCommandsRedisClient(resources, target.uri());
        ClientOptions.Builder options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.getConnectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.getCommandTimeout()));
        target.ssl().ifPresent(options::sslOptions);
        client.setOptions(options.build());
        // The wait for the first connection and for each command's answer.
        client.setDefaultTimeout(settings.getCommandTimeout());
        return client;
    }

    @Singleton
    @Bean(preDestroy = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }

    @Singleton
    @Bean(preDestroy = "close")
    StatefulRedisPubSubConnection<String, String> redisPubSubConnection(RedisClient client) {
        return client.connectPubSub();
    }
}
