package dev.beamplayground.domain;

import java.util.Objects;

/**
 * An applied schema version (kind {@code pg_schema_versions}).
 *
 * @param version     the version string, its key
 * @param description what the version changed
 */
public record SchemaVersion(String version, String description) {
    public static final String KIND = "pg_schema_versions";
    /** The schema version this code writes into {@code schVer}. */
    public static final String CURRENT = "0.0.1";

    public SchemaVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
    }
}
