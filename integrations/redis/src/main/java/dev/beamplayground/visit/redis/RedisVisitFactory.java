package dev.beamplayground.visit.redis;

import dev.beamplayground.config.VisitFactory;
import dev.beamplayground.config.RedisConfigured;
import dev.beamplayground.redis.RedisConnections;
import dev.beamplayground.visit.VisitBuffer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** The Redis visit buffer, when Redis is configured and {@code visits.buffer} is not {@code false}. */
@Factory
class RedisVisitFactory {

    @Singleton
    @Requires(condition = RedisConfigured.class)
    @Requires(property = VisitFactory.BUFFER, notEquals = "false")
    VisitBuffer redisVisitBuffer(BeanProvider<RedisConnections> connections) {
        return new RedisVisitBuffer(connections::get);
    }
}
