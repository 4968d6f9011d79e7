package dev.beamplayground.migration;

import dev.beamplayground.store.VersionedStore;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyBag;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where an online migration stands (kind {@value #KIND}, key = the schema version): the last key it
 * finished, how many objects it has found and changed so far, and how many it changed in the current
 * pass over the kind. Written after every batch, so a run that is killed resumes after the last finished
 * batch. A migration that brings a kind to an object version records, once complete, that kind and
 * version: the floor below which no release may write the kind any more ({@link #floors}).
 *
 * @param version     schema version of the migration
 * @param cursor      last key finished ("" = not started)
 * @param found       objects examined, over every pass
 * @param done        objects changed, over every pass
 * @param passChanged objects changed in the current pass (a pass that changes none ends the migration)
 * @param updated     when it was written
 * @param floorKind   the kind the finished migration brought to {@code floor}; "" while unfinished or when none
 * @param floor       that version, or null
 */
public record MigrationProgress(String version, String cursor, long found, long done, long passChanged,
                                Instant updated, String floorKind, ObjectVersion floor) {
    public static final String KIND = "pg_migration_progress";
    public static final ObjectVersion OBJECT_VERSION = ObjectVersion.of(1, 0);
    public static final String CURSOR = "cursor";
    public static final String FOUND = "found";
    public static final String DONE = "done";
    public static final String PASS_CHANGED = "passChanged";
    public static final String UPDATED = "updated";
    public static final String FLOOR_KIND = "floorKind";
    public static final String FLOOR = "floor";

    static MigrationProgress start(String version) {
        return new MigrationProgress(version, "", 0, 0, 0, Instant.EPOCH, "", null);
    }

    static MigrationProgress of(VersionedObject stored) {
        PropertyBag p = stored.properties();
        return new MigrationProgress(stored.key(), p.text(CURSOR, ""), p.integer(FOUND, 0), p.integer(DONE, 0),
                p.integer(PASS_CHANGED, 0), p.time(UPDATED, Instant.EPOCH), p.text(FLOOR_KIND, ""),
                floorOf(p.text(FLOOR, "")));
    }

    /** The record as stored; properties other writers added are kept. */
    VersionedObject toStored(PropertyBag previous) {
        PropertyBag.Builder b = previous.toBuilder()
                .text(CURSOR, cursor).integer(FOUND, found).integer(DONE, done).integer(PASS_CHANGED, passChanged)
                .time(UPDATED, updated);
        if (floor != null) {
            b.text(FLOOR_KIND, floorKind).text(FLOOR, floor.toString());
        }
        return new VersionedObject(KIND, version, OBJECT_VERSION, b.build());
    }

    /**
     * Per kind, the highest object version a finished migration brought it to: code that cannot write
     * that version must not write the kind any more, or it would write objects back below it.
     */
    public static Map<String, ObjectVersion> floors(VersionedStore store) {
        Map<String, ObjectVersion> floors = new TreeMap<>();
        store.scan(KIND, 100, o -> {
            MigrationProgress p = of(o);
            if (p.floor() != null && !p.floorKind().isEmpty()) {
                floors.merge(p.floorKind(), p.floor(), (a, b) -> a.isAfter(b) ? a : b);
            }
            return true;
        });
        return floors;
    }

    private static ObjectVersion floorOf(String text) {
        try {
            return text.isEmpty() ? null : ObjectVersion.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
