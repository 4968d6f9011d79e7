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
 * request. Opening the store waits for the first request that needs it. A function whose jar holds no backend
 * module (pipeline output, cancel) has no store: nothing is checked at its start, and a store asked for
 * anyway fails naming the backends available (none).
 */
@Context
public class BackendSelection {
    /** The backend when {@code backend.module} is not set: production runs on Datastore. */
    public static final String DEFAULT_MODULE = "datastore";

    private final Map<String, String> properties;
    private final Backends.Selection selection;

    public BackendSelection(Environment environment) {
        Map<String, String> properties = new HashMap<>();
        // Backend settings are flat. An environment variable such as BACKEND_EMULATOR_HOST reaches
        // Micronaut as both emulator.host and emulator-host, so dots and hyphens are one separator.
        environment.getProperties(Backends.PREFIX, StringConvention.RAW)
                .forEach((key, value) -> properties.put(key.replace('.', '-'), String.valueOf(value)));
        properties.putIfAbsent(Backends.MODULE_KEY, DEFAULT_MODULE);
        this.properties = Map.copyOf(properties);
        this.selection = Backends.available().isEmpty() ? null : Backends.select(this.properties);
    }

    public Backends.Selection selection() {
        return selection != null ? selection : Backends.select(properties);
    }
}
