package dev.beamplayground.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.SystemPropertiesPropertySource;
import dev.beamplayground.store.spi.Backends;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Backend settings arrive whole whatever mix of system properties and environment variables carries them. */
class SettingFormsTest {
    /** A context whose environment variables and system properties are the given ones, at their real precedence. */
    static ApplicationContext context(Map<String, String> env, Map<String, String> system) {
        return ApplicationContext.builder()
                .environmentPropertySource(false)
                .propertySources(source("test-env", env, EnvironmentPropertySource.POSITION,
                                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE),
                        source("test-system", system, SystemPropertiesPropertySource.POSITION,
                                PropertySource.PropertyConvention.JAVA_PROPERTIES))
                .start();
    }

    private static PropertySource source(String name, Map<String, String> values, int order,
                                         PropertySource.PropertyConvention convention) {
        return new MapPropertySource(name, new HashMap<>(values)) {
            @Override
            public int getOrder() {
                return order;
            }

            @Override
            public PropertyConvention getConvention() {
                return convention;
            }
        };
    }

    /** A {@code backend.*} key of the README's tables, with the module it belongs to and what that module requires. */
    record BackendKey(String key, String value, String module, Map<String, String> required) {
        @Override
        public String toString() {
            return "backend." + key;
        }
    }

    static List<BackendKey> backendKeys() {
        Map<String, String> event = Map.of("model-prefix", "playground,test", "uri", "redis://127.0.0.1:1");
        return List.of(
                new BackendKey("module", "sqlite", "sqlite", Map.of("path", "x.db")),
                new BackendKey("path", "data/other.db", "sqlite", Map.of()),
                new BackendKey("namespace", "Other", "datastore", Map.of()),
                new BackendKey("database-id", "staging", "datastore", Map.of()),
                new BackendKey("project-id", "my-project", "datastore", Map.of()),
                new BackendKey("emulator-host", "127.0.0.1:8081", "datastore", Map.of()),
                new BackendKey("model-prefix", "playground,prod", "event", Map.of("uri", "redis://127.0.0.1:1")),
                new BackendKey("uri", "redis://127.0.0.1:2", "event", Map.of("model-prefix", "playground,test")),
                new BackendKey("stream", "other.stream", "event", event),
                new BackendKey("durability", "replicas", "event", event),
                new BackendKey("replicas", "2", "event", event),
                new BackendKey("retain-entries", "5000", "event", event),
                new BackendKey("retain-hours", "48", "event", event));
    }

    private static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> backend(Map<String, String> env, Map<String, String> system) {
        try (ApplicationContext context = context(env, system)) {
            Backends.Selection selection = context.getBean(BackendSelection.class).selection();
            Map<String, String> config = new HashMap<>(selection.config());
            config.put("module", selection.provider().name());
            return config;
        }
    }

    /** The key alone in one form, the module and what it requires in the other form, or all in one form. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backendKeys")
    void eachBackendKeyWorksInEitherFormAloneAndBesideTheOther(BackendKey k) {
        Map<String, String> othersAsProperties = new HashMap<>();
        Map<String, String> othersAsVariables = new HashMap<>();
        if (!k.key().equals("module")) {
            othersAsProperties.put("backend.module", k.module());
            othersAsVariables.put("BACKEND_MODULE", k.module());
        }
        k.required().forEach((key, value) -> {
            othersAsProperties.put("backend." + key, value);
            othersAsVariables.put(variable("backend." + key), value);
        });
        String property = "backend." + k.key();
        String variable = variable(property);
        Map<String, String> allProperties = new HashMap<>(othersAsProperties);
        allProperties.put(property, k.value());
        Map<String, String> allVariables = new HashMap<>(othersAsVariables);
        allVariables.put(variable, k.value());
        Map<String, String> variableBesideProperties = new HashMap<>(othersAsProperties);
        Map<String, String> propertyBesideVariables = new HashMap<>(othersAsVariables);
        for (Map<String, String> config : List.of(
                backend(Map.of(), allProperties),
                backend(allVariables, Map.of()),
                backend(Map.of(variable, k.value()), variableBesideProperties),
                backend(propertyBesideVariables, Map.of(property, k.value())))) {
            assertEquals(k.value(), config.get(k.key()), config.toString());
        }
        // Both forms at once: the system property wins, as for every other Micronaut setting.
        Map<String, String> variables = new HashMap<>(allVariables);
        variables.put(variable, k.key().equals("module") ? "datastore" : "from-the-variable");
        Map<String, String> config = backend(variables, allProperties);
        assertEquals(k.value(), config.get(k.key()), config.toString());
    }

    @Test
    void theModuleVariableChoosesTheBackendBesideAPathProperty() {
        try (ApplicationContext context = context(Map.of("BACKEND_MODULE", "sqlite"),
                Map.of("backend.path", "data/other.db"))) {
            Backends.Selection selection = context.getBean(BackendSelection.class).selection();
            assertEquals("sqlite", selection.provider().name());
            assertEquals(Map.of("path", "data/other.db"), selection.config());
        }
    }

    @Test
    void aNestedPropertyBeatsTheVariableOfTheSameKey() {
        assertEquals("sys:2", backend(Map.of("BACKEND_EMULATOR_HOST", "env:1"),
                Map.of("backend.module", "datastore", "backend.emulator.host", "sys:2")).get("emulator-host"));
    }

    /** Datastore's own variables (the README's second names), under the backend.* forms of the same keys. */
    @Test
    void datastoreVariablesFillWhatTheBackendKeysLeaveOpen() {
        Map<String, String> env = Map.of("DATASTORE_NAMESPACE", "FromVariable", "DATASTORE_DATABASE", "db-variable");
        Map<String, String> config = Backends.select(Map.of("module", "datastore"), env).config();
        assertEquals("FromVariable", config.get("namespace"));
        assertEquals("db-variable", config.get("database-id"));
        Map<String, String> both = Backends.select(Map.of("module", "datastore", "namespace", "FromKey"), env).config();
        assertEquals("FromKey", both.get("namespace"));
        assertEquals("db-variable", both.get("database-id"));
    }

    /** The other keys of the README's table, each read through the bean that uses it. */
    record Key(String property, String value, Function<ApplicationContext, Object> read, Object expected) {
        @Override
        public String toString() {
            return property;
        }
    }

    static List<Key> otherKeys() {
        return List.of(
                new Key("snippet.salt", "pepper", c -> c.getBean(SnippetConfiguration.class).getSalt(), "pepper"),
                new Key("snippet.id-length", "13", c -> c.getBean(SnippetConfiguration.class).getIdLength(), 13),
                new Key("snippet.max-file-bytes", "1000", c -> c.getBean(SnippetConfiguration.class).getMaxFileBytes(),
                        1000),
                new Key("snippet.max-files", "3", c -> c.getBean(SnippetConfiguration.class).getMaxFiles(), 3),
                new Key("snippet.max-total-bytes", "5000",
                        c -> c.getBean(SnippetConfiguration.class).getMaxTotalBytes(), 5000),
                new Key("cors.allowed-origins", "https://a.example.org,https://b.example.org",
                        c -> c.getBean(CorsConfiguration.class).getAllowedOrigins(),
                        List.of("https://a.example.org", "https://b.example.org")),
                new Key("cors.max-age", "10m", c -> c.getBean(CorsConfiguration.class).getMaxAge(),
                        Duration.ofMinutes(10)),
                new Key("connect.max-request-bytes", "65536",
                        c -> c.getBean(ConnectConfiguration.class).getMaxRequestBytes(), 65536));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherKeys")
    void eachOtherKeyWorksInEitherFormAloneAndBesideBackendSettings(Key k) {
        String variable = variable(k.property());
        List<Map.Entry<Map<String, String>, Map<String, String>>> forms = List.of(
                Map.entry(Map.of(variable, k.value()), Map.of()),
                Map.entry(Map.of(), Map.of(k.property(), k.value())),
                Map.entry(Map.of(variable, k.value()), Map.of("backend.module", "sqlite", "backend.path", "x.db")),
                Map.entry(Map.of("BACKEND_MODULE", "sqlite", "BACKEND_PATH", "x.db"), Map.of(k.property(), k.value())),
                Map.entry(Map.of(variable, "1"), Map.of(k.property(), k.value()))); // the property wins
        for (Map.Entry<Map<String, String>, Map<String, String>> form : forms) {
            try (ApplicationContext context = context(form.getKey(), form.getValue())) {
                assertEquals(k.expected(), k.read().apply(context), form.toString());
            }
        }
    }
}
