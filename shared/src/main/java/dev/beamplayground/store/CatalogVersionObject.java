package dev.beamplayground.store;

import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyBag;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;

/**
 * The catalog version as a stored object, the same in every backend: kind {@code pg_catalog} (not in
 * Beam's schema), key {@code examples}, {@code version} (bumped by each load) and {@code loaded} (time of
 * that load), object version 1.0. Not a codec kind: it has no domain type and no pin; a bump keeps the
 * properties it does not know, like every other write.
 */
public final class CatalogVersionObject {
    public static final String KIND = "pg_catalog";
    public static final String KEY = "examples";
    public static final ObjectVersion OBJECT_VERSION = ObjectVersion.INITIAL;
    public static final String VERSION = "version";
    public static final String LOADED = "loaded";

    private CatalogVersionObject() {
    }

    /** The catalog version a stored object holds; 0 when there is none. */
    public static long version(VersionedObject stored) {
        return stored == null ? 0 : stored.properties().integer(VERSION, 0);
    }

    /** {@code stored} (may be null) with the version incremented and {@code loaded} set to {@code now}. */
    public static VersionedObject bumped(VersionedObject stored, Instant now) {
        PropertyBag base = stored == null ? PropertyBag.EMPTY : stored.properties();
        return new VersionedObject(KIND, KEY, OBJECT_VERSION, base.toBuilder()
                .integer(VERSION, version(stored) + 1).time(LOADED, now).build());
    }
}
