package dev.beamplayground.redis.memorystore;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Makes the Redis client trust exactly the Memorystore instance's server CA when it uses TLS. */
@Singleton
@Requires(property = MemorystoreConfiguration.INSTANCE_PROPERTY)
final class MemorystoreTlsConfigurer implements BeanCreatedEventListener<RedisClient> {
    private final MemorystoreResolver resolver;

    MemorystoreTlsConfigurer(MemorystoreResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        RedisClient client = event.getBean();
        MemorystoreEndpoint endpoint = resolver.endpoint();
        if (endpoint.tls()) {
            byte[] pem = endpoint.serverCaPem().getBytes(StandardCharsets.US_ASCII);
            SslOptions ssl = SslOptions.builder()
                    .jdkSslProvider()
                    .trustManager(() -> new ByteArrayInputStream(pem))
                    .build();
            client.setOptions(client.getOptions().mutate().sslOptions(ssl).build());
        }
        return client;
    }
}
