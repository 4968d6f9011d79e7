package dev.beamplayground.store.datastore;

import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.Query;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Entities of any kind as {@link VersionedObject}s (through {@link EntityObjects}): what migrations and the
 * upgrade protocol read and change. Keys are already checked against {@link DatastoreLimits}.
 */
final class DatastoreVersionedObjects {
    private final DatastoreCalls datastore;
    private final EntityObjects objects;
    private final Transactions transactions;

    DatastoreVersionedObjects(DatastoreClient.Connection c) {
        this.datastore = c.datastore();
        this.objects = c.objects();
        this.transactions = c.transactions();
    }

    Optional<VersionedObject> read(String kind, String key) {
        return Transactions.call(() -> {
            Entity e = datastore.get(objects.key(kind, key));
            return e == null ? Optional.<VersionedObject>empty() : Optional.of(objects.fromEntity(e));
        });
    }

    Optional<VersionedObject> write(String kind, String key,
                                    Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
        Key k = objects.key(kind, key);
        return transactions.run(tx -> {
            Entity stored = tx.get(k);
            Optional<VersionedObject> current = stored == null ? Optional.empty()
                    : Optional.of(objects.fromEntity(stored));
            Optional<VersionedObject> next = change.apply(current);
            if (next.isEmpty()) {
                tx.rollback();
                return current;
            }
            if (!next.get().kind().equals(kind) || !next.get().key().equals(key)) {
                throw new IllegalArgumentException("a write of " + kind + " must return an object of that kind and key");
            }
            tx.put(objects.toEntity(next.get(), stored));
            return next;
        });
    }

    /** One non-transactional upsert (a commit), where {@link #write} takes three calls: begin, lookup, commit. */
    void replace(VersionedObject object) {
        Entity entity = objects.toEntity(object, null);
        Transactions.call(() -> datastore.put(entity));
    }

    boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo) {
        Key k = objects.key(kind, key);
        return transactions.run(tx -> {
            Entity stored = tx.get(k);
            if (stored == null || !stillSo.test(objects.fromEntity(stored))) {
                tx.rollback();
                return false;
            }
            tx.delete(k);
            return true;
        });
    }

    /**
     * A transaction per {@link Transactions#MAX_MUTATIONS} keys (begin, lookup, commit) instead of one per key: the
     * keys still matching {@code stillSo} at the lookup are deleted in its commit.
     */
    List<String> deleteAllIf(String kind, List<String> keys, Predicate<VersionedObject> stillSo) {
        List<String> removed = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += Transactions.MAX_MUTATIONS) {
            List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + Transactions.MAX_MUTATIONS)).stream()
                    .map(key -> objects.key(kind, key)).toList();
            removed.addAll(transactions.run(tx -> {
                List<String> gone = new ArrayList<>(); // the work may run again on contention
                List<Entity> stored = tx.fetch(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    if (stored.get(i) != null && stillSo.test(objects.fromEntity(stored.get(i)))) {
                        tx.delete(chunk.get(i));
                        gone.add(Keys.name(chunk.get(i)));
                    }
                }
                if (gone.isEmpty()) {
                    tx.rollback();
                }
                return gone;
            }));
        }
        return removed;
    }

    /** One query for the page (the default would read each key found on its own). */
    List<VersionedObject> readAfter(String kind, String afterKey, int limit) {
        Query query = page(Queries.of(kind), kind, afterKey, limit);
        return Transactions.call(() -> {
            List<VersionedObject> page = new ArrayList<>();
            datastore.run(query).forEach(e -> page.add(objects.fromEntity(e)));
            return page;
        });
    }

    List<String> keysAfter(String kind, String afterKey, int limit) {
        Query query = page(Queries.keysOf(kind), kind, afterKey, limit);
        return Transactions.call(() -> {
            List<String> keys = new ArrayList<>();
            datastore.run(query).forEach(e -> keys.add(Keys.name(e.getKey())));
            return keys;
        });
    }

    /** Up to {@code limit} of {@code kind} after {@code afterKey} ("" = from the start), in key order. */
    private Query page(Query.Builder query, String kind, String afterKey, int limit) {
        query.addOrder(Queries.ascending(Queries.KEY)).setLimit(Queries.limit(limit));
        if (!afterKey.isEmpty()) {
            query.setFilter(Queries.keyAfter(objects.key(kind, afterKey)));
        }
        return query.build();
    }
}
