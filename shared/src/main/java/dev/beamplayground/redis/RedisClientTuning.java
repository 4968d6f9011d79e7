package dev.beamplayground.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sets fail-fast options on the client micronaut-redis creates (it is the only Redis client; this
 * adds no connection of its own): commands are rejected at once while disconnected rather than
 * queued, every command times out after {@code command-timeout}, and reconnects back off to at most
 * {@code max-reconnect-delay}, so Redis coming back is noticed within a second.
 */
@Singleton
public class RedisClientTuning implements BeanCreatedEventListener<RedisClient>, ClientResourcesMutator {
    private final RedisClientSettings settings;

    public RedisClientTuning(RedisClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        RedisClient client = event.getBean();
        // Mutate, not replace: other listeners (Memorystore's TLS trust) set options on the same client,
        // in an order Micronaut does not fix.
        client.setOptions(client.getOptions().mutate()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.getConnectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(settings.getCommandTimeout()))
                .build());
        // The wait for the first connection and for each command's answer use the URI's timeout.
        client.setDefaultTimeout(settings.getCommandTimeout());
        return client;
    }

    @Override
    public void mutate(ClientResources.Builder builder, AbstractRedisConfiguration configuration) {
        Duration max = settings.getMaxReconnectDelay();
        builder.reconnectDelay(Delay.exponential(Duration.ofMillis(Math.min(50, max.toMillis())), max, 2,
                TimeUnit.MILLISECONDS));
    }
}
