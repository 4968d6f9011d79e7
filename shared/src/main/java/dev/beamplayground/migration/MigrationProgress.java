package dev.beamplayground.migration;

import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyBag;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;

/**
 * Where an online migration stands (kind {@value #KIND}, key = the schema version): the last key it
 * finished, and how many objects it has found and changed so far. Written after every batch, so a
 * run that is killed resumes after the last finished batch.
 *
 * @param version schema version of the migration
 * @param cursor  last key finished ("" = not started)
 * @param found   objects examined
 * @param done    objects changed
 * @param updated when it was written
 */
public record MigrationProgress(String version, String cursor, long found, long done, Instant updated) {
    public static final String KIND = "pg_migration_progress";
    public static final ObjectVersion OBJECT_VERSION = ObjectVersion.of(1, 0);
    public static final String CURSOR = "cursor";
    public static final String FOUND = "found";
    public static final String DONE = "done";
    public static final String UPDATED = "updated";

    static MigrationProgress start(String version) {
        return new MigrationProgress(version, "", 0, 0, Instant.EPOCH);
    }

    static MigrationProgress of(VersionedObject stored) {
        PropertyBag p = stored.properties();
        return new MigrationProgress(stored.key(), p.text(CURSOR, ""), p.integer(FOUND, 0), p.integer(DONE, 0),
                p.time(UPDATED, Instant.EPOCH));
    }

    VersionedObject toStored() {
        return new VersionedObject(KIND, version, OBJECT_VERSION, PropertyBag.builder()
                .text(CURSOR, cursor).integer(FOUND, found).integer(DONE, done).time(UPDATED, updated).build());
    }
}
