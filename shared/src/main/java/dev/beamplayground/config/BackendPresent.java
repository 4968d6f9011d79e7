package dev.beamplayground.config;

import dev.beamplayground.store.spi.Backends;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * True when the class path holds a backend module: a function with a store. The pipeline-output, cancel and
 * cancel-listener functions have none, and make none of the beans that only serve a store.
 */
public final class BackendPresent implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
        return !Backends.available().isEmpty();
    }
}
