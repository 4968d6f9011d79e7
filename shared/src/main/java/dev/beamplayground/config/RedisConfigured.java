package dev.beamplayground.config;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * True when a Redis server is configured: {@code redis.uri} (env REDIS_URI) or a Memorystore endpoint
 * ({@code redis.memorystore.host}, or {@code redis.memorystore.instance} to look it up) that fills in the
 * default connection.
 * Without either, the embedded in-process state is used.
 */
public final class RedisConfigured implements Condition {
    public static final String URI = "redis.uri";
    public static final String MEMORYSTORE_INSTANCE = "redis.memorystore.instance";
    public static final String MEMORYSTORE_HOST = "redis.memorystore.host";

    @Override
    public boolean matches(ConditionContext context) {
        return context.containsProperty(URI) || context.containsProperty(MEMORYSTORE_INSTANCE)
                || context.containsProperty(MEMORYSTORE_HOST);
    }

    /** The opposite, for the embedded defaults. */
    public static final class Absent implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !new RedisConfigured().matches(context);
        }
    }
}
