package dev.beamplayground.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import io.micronaut.configuration.lettuce.DefaultRedisClientFactory;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
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
    /** Lettuce's switch for recording its connection events as JFR events (read once, at its first event). */
    static final String LETTUCE_JFR = "io.lettuce.core.jfr";

    private final RedisClientSettings settings;

    public RedisClientTuning(RedisClientSettings settings) {
        this.settings = settings;
        // Lettuce would otherwise load and register some 100 JFR classes on the first connection, in the
        // first request (~0.1 s of a cold start) for events nobody records; -Dio.lettuce.core.jfr=true keeps them.
        if (System.getProperty(LETTUCE_JFR) == null) {
            System.setProperty(LETTUCE_JFR, "false");
        }
    }

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        RedisClient client = lazyCommands(event);
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

    /**
     * The default client (micronaut-redis's DefaultRedisClientFactory) as a {@link LazyCommandsRedisClient}:
     * same resources, options and URI (worked out from the same configuration bean as that factory does),
     * not yet connected, so nothing is lost by leaving the original to the garbage collector (its
     * resources are the shared ones, never shut down by a client).
     */
    private static RedisClient lazyCommands(BeanCreatedEvent<RedisClient> event) {
        RedisClient original = event.getBean();
        boolean fromDefaultFactory = event.getBeanDefinition().getDeclaringType()
                .filter(DefaultRedisClientFactory.class::equals).isPresent();
        if (!fromDefaultFactory || original instanceof LazyCommandsRedisClient) {
            return original;
        }
        DefaultRedisConfiguration configuration = event.getSource().getBean(DefaultRedisConfiguration.class);
        RedisURI uri = configuration.getUri().orElse(configuration);
        RedisClient client = new LazyCommandsRedisClient(original.getResources(), uri);
        client.setOptions(original.getOptions());
        return client;
    }

    @Override
    public void mutate(ClientResources.Builder builder, AbstractRedisConfiguration configuration) {
        Duration max = settings.getMaxReconnectDelay();
        builder.reconnectDelay(Delay.exponential(Duration.ofMillis(Math.min(50, max.toMillis())), max, 2,
                TimeUnit.MILLISECONDS));
    }
}
