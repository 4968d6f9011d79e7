package dev.beamplayground.store.spi;

import dev.beamplayground.logging.Printable;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.versioning.Codecs;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Finds the backend named by {@code backend.module} and checks its configuration against its schema. */
public final class Backends {
    public static final String PREFIX = "backend";
    public static final String MODULE_KEY = "module";

    private Backends() {
    }

    /**
     * The providers on the class path, by name. Found once: a function's start asks for them several times (the
     * configuration check, the selection, the store warm-up), and the class path does not change.
     */
    public static List<BackendProvider> available() {
        return Found.PROVIDERS;
    }

    private static final class Found {
        static final List<BackendProvider> PROVIDERS = ServiceLoader.load(BackendProvider.class,
                        Backends.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(BackendProvider::name))
                .toList();
    }

    /**
     * A validated selection: the provider and its configuration (the {@code backend.*} keys without
     * {@code module}).
     *
     * @throws BackendConfigException with a one-line message naming the bad key
     */
    public static Selection select(Map<String, String> backendProperties) {
        return select(backendProperties, System.getenv());
    }

    /** As {@link #select(Map)}, with the process environment given. */
    public static Selection select(Map<String, String> backendProperties, Map<String, String> environment) {
        String module = backendProperties.get(MODULE_KEY);
        if (module == null || module.isBlank()) {
            throw new BackendConfigException(PREFIX + "." + MODULE_KEY + " is not set; available: " + names());
        }
        BackendProvider provider = available().stream()
                .filter(p -> p.name().equals(module) || p.getClass().getName().equals(module))
                .findFirst()
                .orElseThrow(() -> new BackendConfigException(
                        PREFIX + "." + MODULE_KEY + " '" + Printable.of(module, 80) + "' is unknown; available: " + names()));
        Map<String, String> config = new TreeMap<>(backendProperties);
        config.remove(MODULE_KEY);
        provider.environmentDefaults(environment).forEach(config::putIfAbsent);
        validate(provider, config);
        return new Selection(provider, Map.copyOf(config));
    }

    private static void validate(BackendProvider provider, Map<String, String> config) {
        ConfigSchema schema;
        try {
            schema = ConfigSchema.parse(provider.configSchema());
        } catch (IllegalArgumentException e) {
            throw new BackendConfigException("backend '" + provider.name() + "' has an unusable configuration schema: "
                    + Printable.of(e.getMessage(), 80));
        }
        List<ConfigSchema.Violation> errors = schema.validate(config);
        if (!errors.isEmpty()) {
            String first = errors.stream()
                    .map(Backends::describe)
                    .sorted()
                    .collect(Collectors.joining("; "));
            throw new BackendConfigException("backend '" + provider.name() + "' configuration is invalid: " + first);
        }
    }

    /** "backend.path: required property 'path' not found". */
    private static String describe(ConfigSchema.Violation v) {
        String key = v.property() == null ? PREFIX : PREFIX + "." + Printable.of(v.property(), 80);
        // The message names the property too, but never holds its value: kept whole, on one line.
        return key + ": " + Printable.of(v.message(), 1000);
    }

    private static String names() {
        return available().stream().map(BackendProvider::name).collect(Collectors.joining(", "));
    }


    /** A provider with its validated configuration. */
    public record Selection(BackendProvider provider, Map<String, String> config) {
        public PlaygroundStore open() {
            return provider.open(config);
        }

        public PlaygroundStore open(Codecs codecs) {
            return provider.open(config, codecs);
        }
    }
}
