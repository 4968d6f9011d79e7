package dev.beamplayground.store.sqlite;

import dev.beamplayground.versioning.VersionedObject;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The versioned-object role of {@link SqliteStore}: any kind {@link SqliteObjects} has a table for, by key.
 * An unknown kind is refused before the database is touched.
 */
final class SqliteVersionedObjects {
    private final SqliteDatabase db;

    SqliteVersionedObjects(SqliteDatabase db) {
        this.db = db;
    }

    Optional<VersionedObject> read(String kind, String key) {
        SqliteObjects.table(kind);
        Objects.requireNonNull(key, "key");
        return db.transaction(false, c -> SqliteObjects.read(c, kind, key));
    }

    Optional<VersionedObject> write(String kind, String key,
                                    Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
        SqliteObjects.table(kind);
        Objects.requireNonNull(key, "key");
        return db.transaction(true, c -> {
            Optional<VersionedObject> current = SqliteObjects.read(c, kind, key);
            Optional<VersionedObject> next = change.apply(current);
            if (next.isEmpty()) {
                return current;
            }
            VersionedObject o = next.get();
            if (!o.kind().equals(kind) || !o.key().equals(key)) {
                throw new IllegalArgumentException("a write of " + kind + " must return an object of that kind and key");
            }
            // UPDATE, never REPLACE: columns that newer code added and this code does not list keep their values.
            if (current.isEmpty()) {
                SqliteObjects.insert(c, o, false);
            } else {
                SqliteObjects.update(c, o);
            }
            return next;
        });
    }

    boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo) {
        SqliteObjects.table(kind);
        return db.transaction(true, c -> {
            Optional<VersionedObject> stored = SqliteObjects.read(c, kind, key);
            if (stored.isEmpty() || !stillSo.test(stored.get())) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + kind + " WHERE id = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate() == 1;
            }
        });
    }

    List<String> keysAfter(String kind, String afterKey, int limit) {
        SqliteObjects.table(kind);
        return db.transaction(false, c -> SqliteObjects.keysAfter(c, kind, afterKey, limit));
    }
}
