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
@Requires(condition = MemorystoreConfigured.class)
final class MemorystoreTlsConfigurer implements BeanCreatedEventListener<RedisClient> {
    private final EndpointSource endpoints;

    MemorystoreTlsConfigurer(EndpointSource endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        RedisClient client = event.getBean();
        MemorystoreEndpoint endpoint = endpoints.endpoint();
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
