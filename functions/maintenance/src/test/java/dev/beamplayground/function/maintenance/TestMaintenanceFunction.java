package dev.beamplayground.function.maintenance;

import io.micronaut.context.ApplicationContext;
import java.util.Map;

/** The function over a context with the test's properties, as Cloud Functions' environment variables would give. */
final class TestMaintenanceFunction extends MaintenanceFunction {
    private final ApplicationContext context;

    TestMaintenanceFunction(Map<String, Object> properties) {
        this(ApplicationContext.builder().properties(properties).start());
    }

    private TestMaintenanceFunction(ApplicationContext context) {
        super(context);
        this.context = context;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }
}
