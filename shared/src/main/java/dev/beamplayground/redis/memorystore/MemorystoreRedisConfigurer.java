package dev.beamplayground.redis.memorystore;

import io.lettuce.core.SslVerifyMode;
import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/**
 * Points the default Redis connection ({@code redis.*} of micronaut-redis) at the configured Memorystore
 * endpoint (given, or looked up by instance name). It runs when that configuration is first needed, i.e. on
 * the first Redis use, not at start.
 * The password stays {@code redis.password} (env {@code REDIS_PASSWORD}, from Secret Manager).
 */
@Singleton
@Requires(condition = MemorystoreConfigured.class)
final class MemorystoreRedisConfigurer implements BeanCreatedEventListener<DefaultRedisConfiguration> {
    private final EndpointSource endpoints;

    MemorystoreRedisConfigurer(EndpointSource endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public DefaultRedisConfiguration onCreated(BeanCreatedEvent<DefaultRedisConfiguration> event) {
        DefaultRedisConfiguration redis = event.getBean();
        if (redis.getUri().isPresent()) {
            throw new ConfigurationException("Both redis.uri (REDIS_URI) and a Memorystore endpoint ("
                    + MemorystoreConfiguration.HOST_PROPERTY + " or " + MemorystoreConfiguration.INSTANCE_PROPERTY
                    + ") are set; set one");
        }
        MemorystoreEndpoint endpoint = endpoints.endpoint();
        if (endpoint.authEnabled() && (redis.getPassword() == null || redis.getPassword().length == 0)) {
            throw new ConfigurationException(endpoints.description()
                    + " requires AUTH, but redis.password (REDIS_PASSWORD) is not set");
        }
        redis.setHost(endpoint.host());
        redis.setPort(endpoint.port());
        redis.setSsl(endpoint.tls());
        if (endpoint.tls()) {
            // The chain is checked against the instance's own CA (see MemorystoreTlsConfigurer); the
            // server certificate does not name the private IP the client connects to.
            redis.setVerifyPeer(SslVerifyMode.CA);
        }
        return redis;
    }
}
