package dev.beamplayground.local;

import com.google.cloud.functions.invoker.runner.Invoker;
import dev.beamplayground.deploy.examples.LoadExamples;
import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.store.spi.BackendSettings;
import dev.beamplayground.store.spi.Backends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every HTTP function of the playground in this one process, behind the same Functions Framework
 * invoker Cloud Functions uses, on the embedded defaults: SQLite under {@code ./data}, port 8080, the catalog
 * cached in process. The first start loads the examples of {@code deploy/examples} ({@code playground.examples}).
 * Anything set through {@code -D} or the environment (BACKEND_MODULE, BACKEND_PATH, PORT, ...) wins.
 */
public final class LocalRunner {
    /** The entry class of every HTTP function; here it serves every function's methods (all are on the class path). */
    static final String FUNCTION = "dev.beamplayground.edge.PlaygroundHttpFunction";
    /** Browsers on this machine may call the local run: a frontend in development works against it. */
    static final String LOCAL_ORIGINS = "http://localhost:*,http://127.0.0.1:*,http://[::1]:*";

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(setting("playground.data", "data"));
        Files.createDirectories(data);
        defaultSetting("backend.module", "sqlite");
        defaultSetting("cors.allowed-origins", LOCAL_ORIGINS);
        if ("sqlite".equals(setting("backend.module", ""))) {
            defaultSetting("backend.path", data.resolve("playground.db").toString());
        }
        try {
            // Checked here as well so that a wrong setting ends the start with its one-line message.
            Backends.select(backendSettings());
        } catch (BackendConfigException e) {
            System.err.println("playground-local: " + e.getMessage());
            System.exit(2);
        }
        Path examples = Path.of(setting("playground.examples", "deploy/examples"));
        if (Files.isDirectory(examples)) {
            // The first start fills the catalog; later starts keep what is stored (reload with LoadExamples).
            LoadExamples.loadIfNeverLoaded(examples);
        } else {
            System.out.println("playground-local: no examples at " + examples + " (set playground.examples)");
        }
        String port = setting("port", "8080");
        System.out.println("Playground functions on http://localhost:" + port
                + "/api.v1.PlaygroundService/<Method> (backend " + setting("backend.module", "") + ")");
        Invoker.main(new String[] {"--target", FUNCTION, "--port", port});
    }

    /** A setting from a system property or its environment-variable form (cors.allowed-origins: CORS_ALLOWED_ORIGINS). */
    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null ? fallback : value;
    }

    /** The {@code backend.*} settings as Micronaut will see them: system properties over BACKEND_* variables. */
    static Map<String, String> backendSettings() {
        return BackendSettings.of(System.getenv(), System.getProperties());
    }

    private static void defaultSetting(String name, String value) {
        if (setting(name, null) == null) {
            System.setProperty(name, value);
        }
    }
}
