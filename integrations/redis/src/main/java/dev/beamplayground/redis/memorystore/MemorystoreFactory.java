package dev.beamplayground.redis.memorystore;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.redis.v1.CloudRedisClient;
import com.google.cloud.redis.v1.CloudRedisSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The endpoint source: the configured address ({@code redis.memorystore.host}), or the admin API settings and the
 * resolver when an instance name is configured instead.
 */
@Factory
public class MemorystoreFactory {

    @Singleton
    @Requires(property = MemorystoreConfiguration.HOST_PROPERTY)
    @Requires(missingProperty = MemorystoreConfiguration.INSTANCE_PROPERTY)
    EndpointSource configuredEndpoint(MemorystoreConfiguration configuration) {
        return new ConfiguredEndpoint(configuration);
    }

    /** Building settings touches no network and reads no credentials; the client does, on first lookup. */
    @Singleton
    @Requires(property = MemorystoreConfiguration.INSTANCE_PROPERTY)
    CloudRedisSettings cloudRedisSettings(MemorystoreConfiguration configuration) throws IOException {
        CloudRedisSettings.Builder builder = CloudRedisSettings.newBuilder();
        RetrySettings retry = builder.getInstanceSettings().getRetrySettings().toBuilder()
                .setTotalTimeoutDuration(configuration.getTimeout())
                .build();
        builder.getInstanceSettings().setRetrySettings(retry);
        return builder.build();
    }

    @Singleton
    @Requires(property = MemorystoreConfiguration.INSTANCE_PROPERTY)
    MemorystoreResolver memorystoreResolver(MemorystoreConfiguration configuration, CloudRedisSettings settings) {
        if (configuration.getHost() != null) {
            throw new ConfigurationException("Both " + MemorystoreConfiguration.HOST_PROPERTY
                    + " (REDIS_MEMORYSTORE_HOST) and " + MemorystoreConfiguration.INSTANCE_PROPERTY
                    + " (REDIS_MEMORYSTORE_INSTANCE) are set; set one");
        }
        return new MemorystoreResolver(configuration.getInstance(), () -> {
            try {
                return CloudRedisClient.create(settings);
            } catch (IOException e) {
                throw new MemorystoreException("cannot open the Memorystore admin API client: " + e.getMessage(), e);
            }
        });
    }
}
