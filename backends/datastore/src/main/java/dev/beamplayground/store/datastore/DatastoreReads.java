package dev.beamplayground.store.datastore;

import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.Query;
import java.util.List;

/** Reads of the store's namespace, in a transaction ({@link DatastoreTransaction}) or not ({@link DatastoreCalls}). */
interface DatastoreReads {
    /** The stored entity, or null. */
    default Entity get(Key key) {
        return fetch(List.of(key)).get(0);
    }

    /** The stored entities in the keys' order, null where absent: lookups of at most 1,000 keys, deferred keys asked again. */
    List<Entity> fetch(List<Key> keys);

    /** Every entity the query matches, in its order, all its pages (a keys-only query's: entities with a key alone). */
    List<Entity> run(Query query);
}
