package dev.beamplayground.store.datastore;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code datastore} backend's configuration, already checked against
 * {@link DatastoreBackendProvider#configSchema()}.
 *
 * @param namespace    Datastore namespace of every key and query ("" = the default namespace)
 * @param projectId    GCP project; empty = from the environment (ADC, GOOGLE_CLOUD_PROJECT, ...)
 * @param emulatorHost {@code host:port} of a Datastore emulator; empty = the real service
 */
record DatastoreSettings(String namespace, Optional<String> projectId, Optional<String> emulatorHost) {
    static final String NAMESPACE = "namespace";
    static final String PROJECT_ID = "project-id";
    static final String EMULATOR_HOST = "emulator-host";
    /** Beam Playground's namespace when DATASTORE_NAMESPACE is not set. */
    static final String DEFAULT_NAMESPACE = "Playground";

    static DatastoreSettings from(Map<String, String> config) {
        return new DatastoreSettings(config.getOrDefault(NAMESPACE, DEFAULT_NAMESPACE),
                nonBlank(config.get(PROJECT_ID)), nonBlank(config.get(EMULATOR_HOST)));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
