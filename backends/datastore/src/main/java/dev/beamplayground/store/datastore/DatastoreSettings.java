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
 * @param databaseId   the Firestore database (Datastore mode) of the project; {@value #DEFAULT_DATABASE} = the
 *                     project's default database, the only one before named databases existed
 */
record DatastoreSettings(String namespace, Optional<String> projectId, Optional<String> emulatorHost,
                         String databaseId) {
    static final String NAMESPACE = "namespace";
    static final String DATABASE_ID = "database-id";
    static final String PROJECT_ID = "project-id";
    static final String EMULATOR_HOST = "emulator-host";
    /** Beam Playground's namespace when DATASTORE_NAMESPACE is not set. */
    static final String DEFAULT_NAMESPACE = "Playground";
    /** The project's default database, as Firestore names it; the client's own name for it is "". */
    static final String DEFAULT_DATABASE = "(default)";

    static DatastoreSettings from(Map<String, String> config) {
        return new DatastoreSettings(config.getOrDefault(NAMESPACE, DEFAULT_NAMESPACE),
                nonBlank(config.get(PROJECT_ID)), nonBlank(config.get(EMULATOR_HOST)),
                nonBlank(config.get(DATABASE_ID)).orElse(DEFAULT_DATABASE));
    }

    /** The database id as the client and its keys take it: "" for the default database. */
    String clientDatabaseId() {
        return DEFAULT_DATABASE.equals(databaseId) ? "" : databaseId;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
