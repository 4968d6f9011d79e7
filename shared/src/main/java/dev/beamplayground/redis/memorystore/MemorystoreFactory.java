package dev.beamplayground.redis.memorystore;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.redis.v1.CloudRedisClient;
import com.google.cloud.redis.v1.CloudRedisSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.io.IOException;

/** The admin API settings and the resolver, only when a Memorystore instance is configured. */
@Factory
@Requires(property = MemorystoreConfiguration.INSTANCE_PROPERTY)
public class MemorystoreFactory {

    /** Building settings touches no network and reads no credentials; the client does, on first lookup. */
    @Singleton
    CloudRedisSettings cloudRedisSettings(MemorystoreConfiguration configuration) throws IOException {
        CloudRedisSettings.Builder builder = CloudRedisSettings.newBuilder();
        RetrySettings retry = builder.getInstanceSettings().getRetrySettings().toBuilder()
                .setTotalTimeoutDuration(configuration.getTimeout())
                .build();
        builder.getInstanceSettings().setRetrySettings(retry);
        return builder.build();
    }

    @Singleton
    MemorystoreResolver memorystoreResolver(MemorystoreConfiguration configuration, CloudRedisSettings settings) {
        return new MemorystoreResolver(configuration.getInstance(), () -> {
            try {
                return CloudRedisClient.create(settings);
            } catch (IOException e) {
                throw new MemorystoreException("cannot open the Memorystore admin API client: " + e.getMessage(), e);
            }
        });
    }
}
