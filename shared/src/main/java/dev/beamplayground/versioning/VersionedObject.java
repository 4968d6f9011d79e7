package dev.beamplayground.versioning;

import java.util.Objects;

/**
 * One stored object as every backend holds it: its kind and key name, the object version it was written
 * at, and all its properties (also the ones the reading code does not know).
 *
 * @param kind       the Datastore kind, e.g. {@code pg_snippets}
 * @param key        the key name
 * @param version    object version it was written at ({@link ObjectVersion#INITIAL} when none was stored)
 * @param properties every stored property except the version
 */
public record VersionedObject(String kind, String key, ObjectVersion version, PropertyBag properties) {
    /** Property (Datastore) and column (SQLite) that holds the object version. */
    public static final String VERSION_PROPERTY = "objVer";

    public VersionedObject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(properties, "properties");
        if (properties.has(VERSION_PROPERTY)) {
            throw new IllegalArgumentException(VERSION_PROPERTY + " is the version, not a property");
        }
    }

    public VersionedObject withProperties(PropertyBag newProperties) {
        return new VersionedObject(kind, key, version, newProperties);
    }

    public VersionedObject withVersion(ObjectVersion newVersion) {
        return new VersionedObject(kind, key, newVersion, properties);
    }
}
