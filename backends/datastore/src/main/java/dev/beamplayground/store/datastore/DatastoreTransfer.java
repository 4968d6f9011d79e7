package dev.beamplayground.store.datastore;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copying snippets between backends: pages of whole snippets in key order out, batches of whole snippets in,
 * and the counts that check a copy. Arguments are already checked against {@link DatastoreLimits}.
 */
final class DatastoreTransfer {
    /** Commits {@link #putSnippets} runs at once. */
    static final int PARALLEL_COMMITS = 4;

    private final DatastoreCalls datastore;
    private final SnippetMapper mapper;
    private final Transactions transactions;
    private final ExecutorService pool;

    DatastoreTransfer(DatastoreClient.Connection c) {
        this.datastore = c.datastore();
        this.mapper = c.mapper();
        this.transactions = c.transactions();
        this.pool = c.pool();
    }

    /** Keys-only query in key order, then lookups of the snippets and their files in batches of 1000 keys. */
    List<Snippet> snippetPage(String afterId, int limit) {
        Query.Builder query = Queries.keysOf(Snippet.KIND)
                .addOrder(Queries.ascending(Queries.KEY))
                .setLimit(Queries.limit(limit));
        if (!afterId.isEmpty()) {
            query.setFilter(Queries.keyAfter(mapper.snippetKey(afterId)));
        }
        return Transactions.call(() -> {
            List<Key> keys = datastore.run(query.build()).stream().map(Entity::getKey).toList();
            List<Entity> snippets = datastore.fetch(keys);
            List<Key> fileKeys = new ArrayList<>();
            for (Entity e : snippets) {
                if (e != null) {
                    fileKeys.addAll(mapper.fileKeysOf(e));
                }
            }
            Map<String, Entity> files = new HashMap<>();
            for (Entity f : datastore.fetch(fileKeys)) {
                if (f != null) {
                    files.put(Keys.path(f.getKey()), f);
                }
            }
            List<Snippet> page = new ArrayList<>(snippets.size());
            for (Entity e : snippets) {
                if (e == null) {
                    continue; // deleted between the query and the lookup
                }
                List<Entity> own = mapper.fileKeysOf(e).stream().map(k -> files.get(Keys.path(k))).toList();
                mapper.fromEntitiesIfWhole(e, own).ifPresent(page::add);
            }
            return page;
        });
    }

    /**
     * Whole snippets per commit, at most 500 mutations each. Surplus files of a replaced snippet are found
     * by one lookup before the commits: fine for copying, where nothing else writes the target.
     */
    int putSnippets(List<Snippet> snippets) {
        List<Entity> stored = Transactions.call(() -> datastore.fetch(
                snippets.stream().map(s -> mapper.snippetKey(s.id())).toList()));
        List<Commit> commits = new ArrayList<>();
        Commit current = new Commit(new ArrayList<>(), new ArrayList<>());
        int inBatch = 0;
        for (int i = 0; i < snippets.size(); i++) {
            Snippet s = snippets.get(i);
            List<Key> surplus = stored.get(i) == null ? List.of() : mapper.fileKeysOf(stored.get(i))
                    .stream().skip(s.files().size()).toList();
            int needed = 1 + s.files().size() + surplus.size();
            if (inBatch > 0 && inBatch + needed > Transactions.MAX_MUTATIONS) {
                commits.add(current);
                current = new Commit(new ArrayList<>(), new ArrayList<>());
                inBatch = 0;
            }
            current.puts().add(mapper.toEntity(s));
            current.puts().addAll(mapper.toFileEntities(s));
            current.deletes().addAll(surplus);
            inBatch += needed;
        }
        if (inBatch > 0) {
            commits.add(current);
        }
        // The commits touch disjoint keys: a few at a time, each waiting mostly on the network.
        for (int from = 0; from < commits.size(); from += PARALLEL_COMMITS) {
            List<CompletableFuture<Void>> running = commits.subList(from, Math.min(commits.size(), from + PARALLEL_COMMITS))
                    .stream().map(commit -> CompletableFuture.runAsync(() -> commitPuts(commit), pool)).toList();
            try {
                running.forEach(CompletableFuture::join);
            } catch (CompletionException e) {
                // Not Transactions.join: commitPuts failed in Transactions.run, so the cause is translated already.
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return snippets.size();
    }

    /** One commit of {@link #putSnippets}. */
    private record Commit(List<Entity> puts, List<Key> deletes) {
    }

    private void commitPuts(Commit commit) {
        transactions.run(tx -> {
            if (!commit.deletes().isEmpty()) {
                tx.delete(commit.deletes().toArray(Key[]::new));
            }
            tx.put(commit.puts().toArray(Entity[]::new));
            return null;
        });
    }

    /** Keys-only: the emulator does not implement aggregation (COUNT) queries. */
    long countKeys(String kind) {
        Query query = Queries.keysOf(kind).build();
        return Transactions.call(() -> {
            AtomicLong n = new AtomicLong();
            datastore.forEach(query, key -> n.incrementAndGet());
            return n.get();
        });
    }
}
