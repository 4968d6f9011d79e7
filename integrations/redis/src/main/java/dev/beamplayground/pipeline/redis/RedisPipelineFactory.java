package dev.beamplayground.pipeline.redis;

import dev.beamplayground.config.PipelineConfiguration;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.config.RedisConfigured;
import dev.beamplayground.redis.RedisClientSettings;
import dev.beamplayground.redis.RedisConnections;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Pipeline state in Redis when it is configured; nothing connects before the first request that needs it. */
@Factory
class RedisPipelineFactory {

    @Singleton
    @Requires(condition = RedisConfigured.class)
    @Bean(preDestroy = "close")
    PipelineStore redisPipelineStore(BeanProvider<RedisConnections> connections, RedisClientSettings settings,
                                     PipelineConfiguration configuration) {
        return new RedisPipelineStore(connections::get, configuration.getTtl(), configuration.getCancelPollPeriod(),
                settings.getMaxReconnectDelay(), configuration.outputLimits());
    }
}
