package dev.beamplayground.redis.memorystore;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** True when a Memorystore endpoint is configured, by its address or by its instance name. */
public final class MemorystoreConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
        return context.containsProperty(MemorystoreConfiguration.HOST_PROPERTY)
                || context.containsProperty(MemorystoreConfiguration.INSTANCE_PROPERTY);
    }
}
