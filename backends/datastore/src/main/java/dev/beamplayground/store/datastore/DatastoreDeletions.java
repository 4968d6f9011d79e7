package dev.beamplayground.store.datastore;

import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore.StaleSnippet;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.Query;
import dev.beamplayground.store.datastore.wire.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Deleting snippets with their files: by id, the cleanup's stale user snippets (and its queries on the index
 * (origin, lVisited)), and the old snippets a save replaces. Whole snippets go per commit, as many as its
 * mutation limit holds.
 */
final class DatastoreDeletions {
    private final DatastoreCalls datastore;
    private final SnippetMapper mapper;
    private final Transactions transactions;

    DatastoreDeletions(DatastoreClient.Connection c) {
        this.datastore = c.datastore();
        this.mapper = c.mapper();
        this.transactions = c.transactions();
    }

    int deleteSnippets(Collection<String> ids) {
        return deleteKeys(keysOf(ids), snippet -> true);
    }

    /** Both user origins, each least recently visited first, merged: needs the index (origin, lVisited). */
    List<String> staleUserSnippetIds(Instant cutoff, int limit) {
        Value before = Values.time(cutoff);
        List<Entity> found = new ArrayList<>();
        Transactions.call(() -> {
            for (Origin origin : List.of(Origin.PG_USER, Origin.TB_USER)) {
                found.addAll(datastore.run(staleQuery(origin, before).setLimit(Queries.limit(limit)).build()));
            }
        });
        return found.stream()
                .sorted(Comparator.comparing((Entity e) -> SnippetMapper.lastVisited(e))
                        .thenComparing(e -> Keys.name(e.getKey())))
                .limit(limit)
                .map(e -> Keys.name(e.getKey()))
                .toList();
    }

    /** The cleanup's queries (index (origin, lVisited)), read to the end; the client pages through the results. */
    void forEachStaleUserSnippet(Instant cutoff, Consumer<StaleSnippet> each) {
        Value before = Values.time(cutoff);
        Transactions.call(() -> {
            for (Origin origin : List.of(Origin.PG_USER, Origin.TB_USER)) {
                datastore.forEach(staleQuery(origin, before).build(), e ->
                        each.accept(new StaleSnippet(Keys.name(e.getKey()), origin, SnippetMapper.lastVisited(e))));
            }
        });
    }

    /** User snippets of one origin last visited before {@code before}, least recently visited first. */
    private static Query.Builder staleQuery(Origin origin, Value before) {
        return Queries.of(Snippet.KIND)
                .setFilter(Queries.and(Queries.eq(SnippetMapper.ORIGIN, Values.text(origin.name())),
                        Queries.lt(SnippetMapper.L_VISITED, before)))
                .addOrder(Queries.ascending(SnippetMapper.L_VISITED));
    }

    int deleteStaleUserSnippets(Collection<String> ids, Instant cutoff) {
        return deleteKeys(keysOf(ids), snippet -> isUserOrigin(SnippetMapper.origin(snippet))
                && SnippetMapper.lastVisited(snippet).isBefore(cutoff));
    }

    private static boolean isUserOrigin(String origin) {
        return origin.equals(Origin.PG_USER.name()) || origin.equals(Origin.TB_USER.name());
    }

    /** The keys of the ids Datastore accepts as key names, once each, in order. */
    private List<Key> keysOf(Collection<String> ids) {
        Set<String> valid = new LinkedHashSet<>();
        for (String id : ids) {
            if (DatastoreLimits.isKeyName(id)) {
                valid.add(id);
            }
        }
        return valid.stream().map(mapper::snippetKey).toList();
    }

    /**
     * Deletes snippets with their files, as many whole snippets per commit as fit in its mutation limit;
     * each commit re-reads its snippets in its transaction so the count is exact under concurrency.
     */
    int deleteKeys(List<Key> keys, Predicate<Entity> deletable) {
        List<Entity> stored = Transactions.call(() -> datastore.fetch(keys));
        int deleted = 0;
        List<Key> batch = new ArrayList<>();
        long batchMutations = 0;
        for (Entity snippet : stored) {
            if (snippet == null || !deletable.test(snippet)) {
                continue;
            }
            long needed = mutationsToDelete(snippet);
            if (needed > Transactions.MAX_MUTATIONS) {
                deleted += deleteOversized(snippet);
                continue;
            }
            if (batchMutations + needed > Transactions.MAX_MUTATIONS) {
                deleted += deleteBatch(batch, deletable);
                batch = new ArrayList<>();
                batchMutations = 0;
            }
            batch.add(snippet.getKey());
            batchMutations += needed;
        }
        if (!batch.isEmpty()) {
            deleted += deleteBatch(batch, deletable);
        }
        return deleted;
    }

    /** Deletes a stored snippet and its files in {@code tx}. */
    void deleteWithFiles(DatastoreTransaction tx, Entity snippet) {
        tx.delete(snippet.getKey());
        tx.delete(mapper.fileKeysOf(snippet).toArray(Key[]::new));
    }

    static long mutationsToDelete(Entity snippet) {
        return 1 + SnippetMapper.numberOfFiles(snippet);
    }

    /** Re-reads the batch in the deleting transaction: what changed since (a visit) is tested again. */
    private int deleteBatch(List<Key> batch, Predicate<Entity> deletable) {
        return transactions.run(tx -> {
            int count = 0;
            for (Entity snippet : tx.fetch(batch)) {
                if (snippet != null && deletable.test(snippet)) {
                    deleteWithFiles(tx, snippet);
                    count++;
                }
            }
            return count;
        });
    }

    /**
     * A snippet with more files than one commit holds (not written by this code, which caps files at
     * {@link DatastoreLimits#MAX_FILES}): its files go first in full commits, the snippet last, so an interrupted
     * deletion leaves a snippet whose deletion can be run again rather than orphaned files.
     */
    private int deleteOversized(Entity snippet) {
        List<Key> files = mapper.fileKeysOf(snippet);
        for (int from = 0; from < files.size(); from += Transactions.MAX_MUTATIONS) {
            List<Key> chunk = files.subList(from, Math.min(files.size(), from + Transactions.MAX_MUTATIONS));
            transactions.run(tx -> {
                tx.delete(chunk.toArray(Key[]::new));
                return null;
            });
        }
        return transactions.run(tx -> {
            if (tx.get(snippet.getKey()) == null) {
                return 0;
            }
            tx.delete(snippet.getKey());
            return 1;
        });
    }
}
