package dev.beamplayground.config;

import dev.beamplayground.store.spi.Backends;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import java.util.HashMap;
import java.util.Map;

/**
 * The backend chosen by {@code backend.module}, its configuration checked against its JSON Schema when
 * the application starts, so a wrong setting fails the start with one line instead of the first
 * request. Opening the store waits for the first request that needs it.
 */
@Context
public class BackendSelection {
    /** The backend when {@code backend.module} is not set: production runs on Datastore. */
    public static final String DEFAULT_MODULE = "datastore";

    private final Backends.Selection selection;

    public BackendSelection(Environment environment) {
        Map<String, String> properties = new HashMap<>();
        // Backend settings are flat. An environment variable such as BACKEND_EMULATOR_HOST reaches
        // Micronaut as both emulator.host and emulator-host, so dots and hyphens are one separator.
        environment.getProperties(Backends.PREFIX, StringConvention.RAW)
                .forEach((key, value) -> properties.put(key.replace('.', '-'), String.valueOf(value)));
        properties.putIfAbsent(Backends.MODULE_KEY, DEFAULT_MODULE);
        this.selection = Backends.select(properties);
    }

    public Backends.Selection selection() {
        return selection;
    }
}
