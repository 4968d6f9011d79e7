package dev.beamplayground.store;

import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Stored objects as {@link VersionedObject}s: every property, known or not, with the version it was
 * written at. Migrations and tools work at this level, so a property this code does not know survives
 * their read-change-write. Kinds: those of {@link Codecs} (a backend may support fewer; it says so).
 */
public interface VersionedStore {

    /** The codecs and pinned write versions this store was opened with. */
    Codecs codecs();

    /** The stored object, or empty. */
    Optional<VersionedObject> read(String kind, String key);

    /**
     * Reads the object (empty when absent), applies {@code change} and stores what it returns, in one
     * transaction; {@code change} may run more than once (on contention) and returns empty to leave the
     * store as it is. The returned object replaces the stored one whole, so {@code change} should start
     * from what it was given.
     *
     * @return what is stored afterwards
     */
    Optional<VersionedObject> write(String kind, String key,
                                    Function<Optional<VersionedObject>, Optional<VersionedObject>> change);

    /**
     * Removes the object if it is there and {@code stillSo} holds for it, checked in the deleting
     * transaction (the registry removes an instance only if it is still silent).
     *
     * @return whether it was removed
     */
    boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo);

    /**
     * {@link #deleteIf} for each of {@code keys}: maintenance removes every silent registry entry in one go. The
     * default removes them one by one; a backend whose transactions cost network calls removes many in one.
     *
     * @return the keys removed
     */
    default List<String> deleteAllIf(String kind, List<String> keys, Predicate<VersionedObject> stillSo) {
        List<String> removed = new ArrayList<>();
        for (String key : keys) {
            if (deleteIf(kind, key, stillSo)) {
                removed.add(key);
            }
        }
        return removed;
    }

    /** Up to {@code limit} key names of {@code kind} after {@code afterKey} ("" = from the start), in key order. */
    List<String> keysAfter(String kind, String afterKey, int limit);

    /**
     * Stores {@code object} whole under its kind and key, whatever is stored there: for an object only one writer
     * ever changes (an instance's own registry entry), so there is nothing to read first. The default is a
     * {@link #write}; a backend whose transactions cost network calls stores it with one call.
     */
    default void replace(VersionedObject object) {
        write(object.kind(), object.key(), stored -> Optional.of(object));
    }

    /**
     * Up to {@code limit} objects of {@code kind} after {@code afterKey} ("" = from the start), in key order; fewer
     * only when no more follow, so a short page is the last. The default reads each key {@link #keysAfter} finds (a
     * key removed in between is left out, and the page filled from the keys after it); a backend whose reads are
     * network calls answers with one query instead of one read per key.
     */
    default List<VersionedObject> readAfter(String kind, String afterKey, int limit) {
        List<VersionedObject> objects = new ArrayList<>();
        String after = afterKey;
        while (objects.size() < limit) {
            int wanted = limit - objects.size();
            List<String> keys = keysAfter(kind, after, wanted);
            for (String key : keys) {
                read(kind, key).ifPresent(objects::add);
            }
            if (keys.size() < wanted) {
                break;
            }
            after = keys.get(keys.size() - 1);
        }
        return objects;
    }

    /**
     * Every object of {@code kind} in key order, read a page of {@code pageSize} at a time, until {@code visit}
     * returns false: a read of a whole kind costs a call per page, and none after a short page.
     */
    default void scan(String kind, int pageSize, Predicate<VersionedObject> visit) {
        String after = "";
        while (true) {
            List<VersionedObject> page = readAfter(kind, after, pageSize);
            for (VersionedObject o : page) {
                if (!visit.test(o)) {
                    return;
                }
            }
            if (page.size() < pageSize) {
                return;
            }
            after = page.get(page.size() - 1).key();
        }
    }
}
