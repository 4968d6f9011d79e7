package dev.beamplayground.store.datastore;

import com.google.cloud.Timestamp;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyFactory;
import java.time.Instant;

/**
 * The catalog version entity: kind {@code pg_catalog} (not in Beam's schema), key {@code examples},
 * {@code version} (int, bumped by each load) and {@code loaded} (time of that load).
 */
final class CatalogVersionMapper {
    static final String KIND = "pg_catalog";
    static final String NAME = "examples";
    static final String VERSION = "version";
    static final String LOADED = "loaded";

    private final Key key;

    CatalogVersionMapper(String projectId, String namespace) {
        this.key = new KeyFactory(projectId, namespace).setKind(KIND).newKey(NAME);
    }

    Key key() {
        return key;
    }

    Entity toEntity(long version, Instant loaded) {
        return Entity.newBuilder(key).set(VERSION, version)
                .set(LOADED, Timestamp.ofTimeSecondsAndNanos(loaded.getEpochSecond(), loaded.getNano())).build();
    }

    /** 0 when the entity is absent. */
    long version(Entity e) {
        return e == null ? 0 : EntityValues.number(e, VERSION);
    }
}
