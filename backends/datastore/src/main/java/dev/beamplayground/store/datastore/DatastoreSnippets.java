package dev.beamplayground.store.datastore;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.logging.Printable;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saving and reading user snippets: the save under a persistence key (which replaces the older snippets
 * under it), lookups, and the visit counted in the same call. Arguments are already checked against
 * {@link DatastoreLimits}.
 */
final class DatastoreSnippets {
    // Logged under the facade's name, as before the split.
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreStore.class);

    /** A save that keeps finding new old snippets to clear gives up after this many rounds. */
    private static final int MAX_SAVE_ROUNDS = 50;

    private final DatastoreCalls datastore;
    private final SnippetMapper mapper;
    private final Transactions transactions;
    private final ExecutorService pool;
    private final DatastoreDeletions deletions;

    DatastoreSnippets(DatastoreClient.Connection c, DatastoreDeletions deletions) {
        this.datastore = c.datastore();
        this.mapper = c.mapper();
        this.transactions = c.transactions();
        this.pool = c.pool();
        this.deletions = deletions;
    }

    boolean saveSnippet(Snippet snippet) {
        Key key = mapper.snippetKey(snippet.id());
        for (int round = 0; round < MAX_SAVE_ROUNDS; round++) {
            SaveAttempt outcome = transactions.run(tx -> attemptSave(tx, key, snippet));
            if (outcome.surplus().isEmpty()) {
                return outcome.saved();
            }
            // Too many old snippets to replace in one commit: clear the oldest first, then try again.
            deletions.deleteKeys(outcome.surplus(), old -> true);
        }
        throw new StoreUnavailableException("old snippets under the persistence key keep changing", null);
    }

    /** The outcome of one save transaction; {@code surplus} names old snippets to delete before trying again. */
    private record SaveAttempt(boolean saved, List<Key> surplus) {
        static final SaveAttempt EXISTS = new SaveAttempt(false, List.of());
        static final SaveAttempt SAVED = new SaveAttempt(true, List.of());
    }

    private SaveAttempt attemptSave(DatastoreTransaction tx, Key key, Snippet snippet) {
        boolean exists = tx.get(key) != null;
        // An existing snippet is never rewritten, but its key still wins over any others left under it.
        List<Entity> others = snippet.hasPersistenceKey()
                ? withPersistenceKey(tx, snippet.persistenceKey()).stream()
                        .filter(e -> !Keys.name(e.getKey()).equals(snippet.id())).toList()
                : List.of();
        if (exists && others.isEmpty()) {
            tx.rollback();
            return SaveAttempt.EXISTS;
        }
        long mutations = exists ? 0 : 1 + snippet.files().size();
        for (Entity old : others) {
            mutations += DatastoreDeletions.mutationsToDelete(old);
        }
        if (mutations > Transactions.MAX_MUTATIONS) {
            // Locks of this transaction would block the separate deletions: release them first.
            tx.rollback();
            return new SaveAttempt(false, surplus(others, mutations));
        }
        others.forEach(old -> deletions.deleteWithFiles(tx, old));
        if (exists) {
            return SaveAttempt.EXISTS;
        }
        tx.put(mapper.toEntity(snippet));
        tx.put(mapper.toFileEntities(snippet).toArray(Entity[]::new));
        return SaveAttempt.SAVED;
    }

    /**
     * The other snippets under a persistence key, read inside the save's transaction: Firestore in
     * Datastore mode allows non-ancestor queries there, and a concurrent save under the same key then
     * conflicts instead of leaving two survivors.
     */
    private List<Entity> withPersistenceKey(DatastoreTransaction tx, String persistenceKey) {
        return tx.run(Queries.of(Snippet.KIND)
                .setFilter(Queries.eq(SnippetMapper.PERSISTENCE_KEY, Values.text(persistenceKey))).build());
    }

    /** Oldest first, the old snippets whose removal brings the final commit within the mutation limit. */
    static List<Key> surplus(List<Entity> others, long mutations) {
        List<Entity> oldestFirst = new ArrayList<>(others);
        oldestFirst.sort(Comparator.comparing((Entity e) -> SnippetMapper.created(e))
                .thenComparing((Entity e) -> Keys.name(e.getKey())));
        List<Key> surplus = new ArrayList<>();
        for (Entity old : oldestFirst) {
            if (mutations <= Transactions.MAX_MUTATIONS) {
                break;
            }
            surplus.add(old.getKey());
            mutations -= DatastoreDeletions.mutationsToDelete(old);
        }
        return surplus;
    }

    /**
     * The snippet and its first file in one lookup: most snippets have one file, so most reads are one call (a
     * lookup of a key that is not there costs nothing more), and only the files after the first need a second.
     */
    Optional<Snippet> findSnippet(String id) {
        Key key = mapper.snippetKey(id);
        // An id at the key-name limit has no valid file key name: then the snippet alone, as it has no files.
        boolean withFirstFile = DatastoreLimits.isKeyName(SnippetFile.key(id, 0));
        return Transactions.call(() -> {
            List<Entity> found = datastore.fetch(withFirstFile ? List.of(key, mapper.fileKey(id, 0)) : List.of(key));
            Entity stored = found.get(0);
            if (stored == null) {
                return Optional.<Snippet>empty();
            }
            List<Key> keys = mapper.fileKeysOf(stored);
            int read = withFirstFile ? Math.min(1, keys.size()) : 0; // the first file, when it was looked up and is one
            List<Entity> files = new ArrayList<>(found.subList(1, 1 + read));
            files.addAll(datastore.fetch(keys.subList(read, keys.size())));
            return mapper.fromEntitiesIfWhole(stored, files);
        });
    }

    /**
     * Reads the snippet in a transaction; then its files are looked up (outside the transaction) while
     * the counted visit is committed, so the answer waits for the slower of the two, not their sum.
     */
    Optional<Snippet> visitSnippet(String id, Instant now) {
        Key key = mapper.snippetKey(id);
        Transactions.Begun<Entity> begun = transactions.begin(tx -> tx.get(key));
        Entity stored = begun.read();
        if (stored == null) {
            Transactions.rollbackQuietly(begun.tx());
            return Optional.empty();
        }
        CompletableFuture<List<Entity>> files = CompletableFuture.supplyAsync(() -> readFiles(stored), pool);
        Entity shown = countVisit(begun.tx(), key, stored, now);
        return mapper.fromEntitiesIfWhole(shown, Transactions.join(files));
    }

    /** Commits the visit; the stored entity as it is after the visit, or as read when the visit could not be counted. */
    private Entity countVisit(DatastoreTransaction tx, Key key, Entity stored, Instant now) {
        try {
            Entity updated = transactions.commitElseRun(tx, open -> {
                Entity next = mapper.visited(stored, now);
                open.put(next);
                return next;
            }, retry -> {
                Entity current = retry.get(key);
                if (current == null) {
                    return null; // deleted meanwhile: nothing to count
                }
                Entity next = mapper.visited(current, now);
                retry.put(next);
                return next;
            });
            return updated != null ? updated : stored;
        } catch (RuntimeException e) {
            warnVisitLost(key, e);
            return stored;
        }
    }

    /** Logs the failure's code only: Datastore messages may quote request data. */
    private static void warnVisitLost(Key key, RuntimeException e) {
        String reason = e instanceof DatastoreRpcException d ? d.reason()
                : e.getClass().getSimpleName();
        LOG.warn("visit of snippet {} not counted: {}", Printable.of(Keys.name(key)), reason);
    }

    private List<Entity> readFiles(Entity snippet) {
        return datastore.fetch(mapper.fileKeysOf(snippet));
    }

    List<String> snippetIdsByPersistenceKey(String persistenceKey) {
        Query query = Queries.keysOf(Snippet.KIND)
                .setFilter(Queries.eq(SnippetMapper.PERSISTENCE_KEY, Values.text(persistenceKey)))
                .build();
        return Transactions.call(() -> {
            List<String> ids = new ArrayList<>();
            datastore.run(query).forEach(e -> ids.add(Keys.name(e.getKey())));
            return ids;
        });
    }
}
