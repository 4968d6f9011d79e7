package dev.beamplayground.config;

import dev.beamplayground.store.spi.Backends;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import dev.beamplayground.store.spi.BackendSettings;
import io.micronaut.context.env.PropertySource;
import java.util.Comparator;
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
        this.properties = Map.copyOf(settings(environment));
        this.selection = Backends.available().isEmpty() ? null : Backends.select(properties);
    }

    /**
     * The {@code backend.*} keys of every property source, lowest precedence first, each form (variable, nested or
     * hyphenated property) mapped to one key by {@link BackendSettings}.
     */
    static Map<String, String> settings(Environment environment) {
        BackendSettings settings = new BackendSettings();
        environment.getPropertySources().stream()
                .sorted(Comparator.comparingInt(PropertySource::getOrder))
                .forEach(source -> {
                    Map<String, Object> entries = new HashMap<>();
                    source.forEach(name -> entries.put(name, source.get(name)));
                    if (source.getConvention() == PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE) {
                        settings.variables(entries);
                    } else {
                        settings.properties(entries);
                    }
                });
        Map<String, String> properties = settings.toMap();
        properties.putIfAbsent(Backends.MODULE_KEY, DEFAULT_MODULE);
        return properties;
    }

    public Backends.Selection selection() {
        return selection != null ? selection : Backends.select(properties);
    }
}
