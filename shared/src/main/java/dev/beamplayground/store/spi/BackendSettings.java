package dev.beamplayground.store.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code backend.*} settings, one key per setting whatever form carried it: {@code BACKEND_EMULATOR_HOST},
 * {@code backend.emulator-host} and {@code backend.emulator.host} are all {@code emulator-host}. Sources are applied
 * in rising precedence, each replacing what the ones before it set, so a system property beats an environment
 * variable key by key and neither hides the other's other keys (Micronaut's raw view of the properties drops
 * environment variables as soon as one system property shares their prefix).
 */
public final class BackendSettings {
    private static final String PROPERTY_PREFIX = Backends.PREFIX + ".";
    private static final String VARIABLE_PREFIX = Backends.PREFIX.toUpperCase(Locale.ROOT) + "_";

    private final Map<String, String> settings = new TreeMap<>();

    /** Environment variables, then system properties: the local tools' precedence, as Micronaut's. */
    public static Map<String, String> of(Map<String, String> environment, Properties system) {
        BackendSettings settings = new BackendSettings();
        settings.variables(environment);
        Map<String, Object> properties = new TreeMap<>();
        system.stringPropertyNames().forEach(name -> properties.put(name, system.getProperty(name)));
        settings.properties(properties);
        return settings.toMap();
    }

    /** Adds the {@code BACKEND_*} variables of a source, over what is there. */
    public BackendSettings variables(Map<String, ?> variables) {
        variables.forEach((name, value) -> {
            if (name.startsWith(VARIABLE_PREFIX) && name.length() > VARIABLE_PREFIX.length() && value != null) {
                settings.put(name.substring(VARIABLE_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-'),
                        String.valueOf(value));
            }
        });
        return this;
    }

    /** Adds the {@code backend.*} properties of a source, over what is there. */
    public BackendSettings properties(Map<String, ?> properties) {
        properties.forEach((name, value) -> {
            if (name.startsWith(PROPERTY_PREFIX) && name.length() > PROPERTY_PREFIX.length() && value != null) {
                settings.put(name.substring(PROPERTY_PREFIX.length()).replace('.', '-'), String.valueOf(value));
            }
        });
        return this;
    }

    public Map<String, String> toMap() {
        return new TreeMap<>(settings);
    }
}
