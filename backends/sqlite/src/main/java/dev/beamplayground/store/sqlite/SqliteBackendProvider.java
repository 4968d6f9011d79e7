package dev.beamplayground.store.sqlite;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.store.spi.BackendProvider;
import dev.beamplayground.versioning.Codecs;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded backend for local runs: one SQLite file, {@code backend.path}. Tables mirror the
 * Datastore kinds of Beam Playground (see {@link SqliteSchema}). The path is always a file path,
 * resolved against the working directory; {@code :memory:} and {@code file:} URIs are not special.
 */
public final class SqliteBackendProvider implements BackendProvider {
    public static final String NAME = "sqlite";
    static final String PATH_KEY = "path";

    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "path": {"type": "string", "minLength": 1}
              },
              "required": ["path"],
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

    /** Does not touch the file system: the database is created on the store's first use. */
    @Override
    public PlaygroundStore open(Map<String, String> config, Codecs codecs) {
        String path = config.get(PATH_KEY);
        if (path == null || path.isEmpty()) {
            throw new BackendConfigException("backend.path: is missing but it is required");
        }
        // sqlite-jdbc reads everything after '?' in a file name as pragmas, silently opening another file.
        if (path.indexOf('?') >= 0) {
            throw new BackendConfigException("backend.path: must not contain '?'");
        }
        try {
            return new SqliteStore(Path.of(path), codecs);
        } catch (InvalidPathException e) {
            throw new BackendConfigException("backend.path: is not a valid file path");
        }
    }
}
