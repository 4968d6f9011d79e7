package dev.beamplayground.store.datastore;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.BackendProvider;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;

/**
 * The production backend: Cloud Datastore (Firestore in Datastore mode) with Beam Playground's kinds and
 * property names. Configuration: {@code namespace} (default {@code Playground}), {@code database-id} (default
 * {@code (default)}), {@code project-id}, {@code emulator-host}.
 */
public final class DatastoreBackendProvider implements BackendProvider {
    public static final String NAME = "datastore";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "datastore backend",
              "type": "object",
              "properties": {
                "namespace": {
                  "description": "Datastore namespace of all entities; default Playground, empty for the default namespace",
                  "type": "string",
                  "pattern": "^[0-9A-Za-z._-]{0,100}$",
                  "not": { "pattern": "^__.*__$" }
                },
                "database-id": {
                  "description": "Firestore database (Datastore mode); default (default), the project's default database",
                  "type": "string",
                  "pattern": "^(\\\\(default\\\\)|[a-z][a-z0-9-]{2,61}[a-z0-9])$"
                },
                "project-id": {
                  "description": "GCP project; default from the environment",
                  "type": "string",
                  "minLength": 1
                },
                "emulator-host": {
                  "description": "host:port of a Datastore emulator; no credentials are used with it",
                  "type": "string",
                  "pattern": "^(\\\\[[0-9A-Fa-f:.]+\\\\]|[0-9A-Za-z.-]+):[0-9]{1,5}$"
                }
              },
              "additionalProperties": false
            }
            """;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String configSchema() {
        return SCHEMA;
    }

    /**
     * Beam's DATASTORE_NAMESPACE, the database an environment's Terraform names (DATASTORE_DATABASE), and the
     * emulator host the Google client itself would honour.
     */
    @Override
    public Map<String, String> environmentDefaults(Map<String, String> environment) {
        Map<String, String> defaults = new java.util.HashMap<>();
        copy(environment, "DATASTORE_NAMESPACE", defaults, DatastoreSettings.NAMESPACE);
        copy(environment, "DATASTORE_DATABASE", defaults, DatastoreSettings.DATABASE_ID);
        copy(environment, "DATASTORE_EMULATOR_HOST", defaults, DatastoreSettings.EMULATOR_HOST);
        return defaults;
    }

    private static void copy(Map<String, String> from, String variable, Map<String, String> to, String key) {
        String value = from.get(variable);
        if (value != null && !value.isBlank()) {
            to.put(key, value.strip());
        }
    }

    @Override
    public PlaygroundStore open(Map<String, String> config, Codecs codecs) {
        return new DatastoreStore(DatastoreSettings.from(config), codecs);
    }
}
