package dev.beamplayground.store.datastore;

import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreException;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.EntityQuery;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyQuery;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.QueryResults;
import com.google.cloud.Timestamp;
import com.google.cloud.datastore.StructuredQuery;
import com.google.cloud.datastore.StructuredQuery.CompositeFilter;
import com.google.cloud.datastore.StructuredQuery.OrderBy;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import com.google.cloud.datastore.Transaction;
import com.google.cloud.http.HttpTransportOptions;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.logging.Printable;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.snippet.Utf8;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.store.VisitLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Predicate;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.VersionedObject;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snippets in Cloud Datastore (Firestore in Datastore mode), in Beam Playground's schema. The client is
 * created on first use, so opening the store neither connects nor looks for credentials.
 */
final class DatastoreStore implements PlaygroundStore, VisitLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreStore.class);

    /** Datastore rejects indexed strings (and key names) longer than this many UTF-8 bytes. */
    private static final int MAX_INDEXED_BYTES = 1500;
    /** One snippet with all its files has to fit in one commit. */
    static final int MAX_FILES = Transactions.MAX_MUTATIONS - 1;
    /** A save that keeps finding new old snippets to clear gives up after this many rounds. */
    private static final int MAX_SAVE_ROUNDS = 50;
    /** Commits {@link #putSnippets} runs at once. */
    static final int PARALLEL_COMMITS = 4;
    private static final java.time.Duration RETRY_BUDGET = java.time.Duration.ofSeconds(8);
    private static final Pattern RESERVED_NAME = Pattern.compile("^__.*__$");

    private final DatastoreSettings settings;
    private final Codecs codecs;
    private final Object lock = new Object();
    private volatile Client client;
    private volatile boolean closed;

    /** What is created on first use: the client, the mapper bound to its project, a pool for concurrent reads. */
    private record Client(Datastore datastore, EntityObjects objects, SnippetMapper mapper,
                          Transactions transactions, ExecutorService pool, DatastoreCatalog catalog,
                          DatastoreVisits visits) {
    }

    DatastoreStore(DatastoreSettings settings, Codecs codecs) {
        this.settings = settings;
        this.codecs = codecs;
    }

    @Override
    public boolean saveSnippet(Snippet snippet) {
        checkStorable(snippet);
        Client c = client();
        Key key = c.mapper().snippetKey(snippet.id());
        for (int round = 0; round < MAX_SAVE_ROUNDS; round++) {
            SaveAttempt outcome = c.transactions().run(tx -> attemptSave(c, tx, key, snippet));
            if (outcome.surplus().isEmpty()) {
                return outcome.saved();
            }
            // Too many old snippets to replace in one commit: clear the oldest first, then try again.
            deleteKeys(c, outcome.surplus(), old -> true);
        }
        throw new StoreUnavailableException("old snippets under the persistence key keep changing", null);
    }

    /** The outcome of one save transaction; {@code surplus} names old snippets to delete before trying again. */
    private record SaveAttempt(boolean saved, List<Key> surplus) {
        static final SaveAttempt EXISTS = new SaveAttempt(false, List.of());
        static final SaveAttempt SAVED = new SaveAttempt(true, List.of());
    }

    private SaveAttempt attemptSave(Client c, Transaction tx, Key key, Snippet snippet) {
        boolean exists = tx.get(key) != null;
        // An existing snippet is never rewritten, but its key still wins over any others left under it.
        List<Entity> others = snippet.hasPersistenceKey()
                ? withPersistenceKey(tx, snippet.persistenceKey()).stream().filter(e -> !e.getKey().equals(key)).toList()
                : List.of();
        if (exists && others.isEmpty()) {
            tx.rollback();
            return SaveAttempt.EXISTS;
        }
        long mutations = exists ? 0 : 1 + snippet.files().size();
        for (Entity old : others) {
            mutations += mutationsToDelete(old);
        }
        if (mutations > Transactions.MAX_MUTATIONS) {
            // Locks of this transaction would block the separate deletions: release them first.
            tx.rollback();
            return new SaveAttempt(false, surplus(others, mutations));
        }
        others.forEach(old -> deleteWithFiles(c, tx, old));
        if (exists) {
            return SaveAttempt.EXISTS;
        }
        tx.put(c.mapper().toEntity(snippet));
        tx.put(c.mapper().toFileEntities(snippet).toArray(Entity[]::new));
        return SaveAttempt.SAVED;
    }

    /**
     * The other snippets under a persistence key, read inside the save's transaction: Firestore in
     * Datastore mode allows non-ancestor queries there, and a concurrent save under the same key then
     * conflicts instead of leaving two survivors.
     */
    private List<Entity> withPersistenceKey(Transaction tx, String persistenceKey) {
        Query<Entity> query = Query.newEntityQueryBuilder()
                .setNamespace(settings.namespace())
                .setKind(Snippet.KIND)
                .setFilter(PropertyFilter.eq(SnippetMapper.PERSISTENCE_KEY, persistenceKey))
                .build();
        List<Entity> found = new ArrayList<>();
        QueryResults<Entity> results = tx.run(query);
        results.forEachRemaining(found::add);
        return found;
    }

    /** Oldest first, the old snippets whose removal brings the final commit within the mutation limit. */
    static List<Key> surplus(List<Entity> others, long mutations) {
        List<Entity> oldestFirst = new ArrayList<>(others);
        oldestFirst.sort(Comparator.comparing((Entity e) -> SnippetMapper.created(e))
                .thenComparing((Entity e) -> e.getKey().getName()));
        List<Key> surplus = new ArrayList<>();
        for (Entity old : oldestFirst) {
            if (mutations <= Transactions.MAX_MUTATIONS) {
                break;
            }
            surplus.add(old.getKey());
            mutations -= mutationsToDelete(old);
        }
        return surplus;
    }

    private static long mutationsToDelete(Entity snippet) {
        return 1 + SnippetMapper.numberOfFiles(snippet);
    }

    @Override
    public Optional<Snippet> findSnippet(String id) {
        if (!isKeyName(id)) {
            return Optional.empty();
        }
        Client c = client();
        try {
            Entity stored = c.datastore().get(c.mapper().snippetKey(id));
            return stored == null ? Optional.empty() : withFiles(c, stored, readFiles(c, stored));
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
    }

    /**
     * Reads the snippet in a transaction; then its files are looked up (outside the transaction) while
     * the counted visit is committed, so the answer waits for the slower of the two, not their sum.
     */
    @Override
    public Optional<Snippet> visitSnippet(String id, Instant now) {
        if (!isKeyName(id)) {
            return Optional.empty();
        }
        Client c = client();
        Key key = c.mapper().snippetKey(id);
        Transaction tx = null;
        Entity stored;
        try {
            tx = c.datastore().newTransaction();
            stored = tx.get(key);
        } catch (RuntimeException e) {
            Transactions.rollbackQuietly(tx);
            throw Transactions.translate(e);
        }
        if (stored == null) {
            Transactions.rollbackQuietly(tx);
            return Optional.empty();
        }
        CompletableFuture<List<Entity>> files = CompletableFuture.supplyAsync(() -> readFiles(c, stored), c.pool());
        Entity shown = countVisit(c, tx, key, stored, now);
        try {
            return withFiles(c, shown, files.join());
        } catch (CompletionException e) {
            throw Transactions.translate(e.getCause() instanceof RuntimeException r ? r : e);
        }
    }

    /** Commits the visit; the stored entity as it is after the visit, or as read when the visit could not be counted. */
    private Entity countVisit(Client c, Transaction tx, Key key, Entity stored, Instant now) {
        try {
            Entity updated = c.mapper().visited(stored, now);
            tx.put(updated);
            tx.commit();
            return updated;
        } catch (RuntimeException e) {
            Transactions.rollbackQuietly(tx);
            if (!Transactions.isContention(e)) {
                warnVisitLost(key, e);
                return stored;
            }
        }
        try {
            Transactions.backoff(1);
            Entity updated = c.transactions().run(retry -> {
                Entity current = retry.get(key);
                if (current == null) {
                    return null; // deleted meanwhile: nothing to count
                }
                Entity next = c.mapper().visited(current, now);
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
        String reason = e instanceof DatastoreException d ? d.getReason()
                : e.getClass().getSimpleName();
        LOG.warn("visit of snippet {} not counted: {}", Printable.of(key.getName()), reason);
    }

    private static List<Entity> readFiles(Client c, Entity snippet) {
        return Transactions.fetchAll(c.datastore(),
                c.mapper().fileKeysOf(snippet));
    }

    /** Empty when a file is missing: the snippet was deleted between the two reads. */
    private static Optional<Snippet> withFiles(Client c, Entity snippet, List<Entity> files) {
        if (files.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(c.mapper().fromEntities(snippet, files));
    }

    @Override
    public List<String> snippetIdsByPersistenceKey(String persistenceKey) {
        if (persistenceKey.isEmpty() || Utf8.length(persistenceKey) > MAX_INDEXED_BYTES) {
            return List.of(); // never stored as an indexed value, so nothing can match
        }
        Client c = client();
        Query<Key> query = Query.newKeyQueryBuilder()
                .setNamespace(settings.namespace())
                .setKind(Snippet.KIND)
                .setFilter(PropertyFilter.eq(SnippetMapper.PERSISTENCE_KEY, persistenceKey))
                .build();
        try {
            List<String> ids = new ArrayList<>();
            c.datastore().run(query).forEachRemaining(k -> ids.add(k.getName()));
            return ids;
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
    }

    @Override
    public int deleteSnippets(Collection<String> ids) {
        Client c = client();
        Set<Key> keys = new LinkedHashSet<>();
        for (String id : ids) {
            if (isKeyName(id)) {
                keys.add(c.mapper().snippetKey(id));
            }
        }
        return deleteKeys(c, List.copyOf(keys), snippet -> true);
    }

    /** Both user origins, each least recently visited first, merged: needs the index (origin, lVisited). */
    @Override
    public List<String> staleUserSnippetIds(Instant cutoff, int limit) {
        Client c = client();
        Timestamp before = Timestamp.ofTimeSecondsAndNanos(cutoff.getEpochSecond(), cutoff.getNano());
        List<Entity> found = new ArrayList<>();
        try {
            for (Origin origin : List.of(Origin.PG_USER, Origin.TB_USER)) {
                c.datastore().run(staleQuery(origin, before).setLimit(limit).build()).forEachRemaining(found::add);
            }
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
        return found.stream()
                .sorted(Comparator.comparing((Entity e) -> SnippetMapper.lastVisited(e))
                        .thenComparing(e -> e.getKey().getName()))
                .limit(limit)
                .map(e -> e.getKey().getName())
                .toList();
    }

    /** The cleanup's queries (index (origin, lVisited)), read to the end; the client pages through the results. */
    @Override
    public void forEachStaleUserSnippet(Instant cutoff, java.util.function.Consumer<StaleSnippet> each) {
        Client c = client();
        Timestamp before = Timestamp.ofTimeSecondsAndNanos(cutoff.getEpochSecond(), cutoff.getNano());
        try {
            for (Origin origin : List.of(Origin.PG_USER, Origin.TB_USER)) {
                c.datastore().run(staleQuery(origin, before).build()).forEachRemaining(e ->
                        each.accept(new StaleSnippet(e.getKey().getName(), origin, SnippetMapper.lastVisited(e))));
            }
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
    }

    /** User snippets of one origin last visited before {@code before}, least recently visited first. */
    private EntityQuery.Builder staleQuery(Origin origin, Timestamp before) {
        return Query.newEntityQueryBuilder()
                .setNamespace(settings.namespace())
                .setKind(Snippet.KIND)
                .setFilter(CompositeFilter.and(PropertyFilter.eq(SnippetMapper.ORIGIN, origin.name()),
                        PropertyFilter.lt(SnippetMapper.L_VISITED, before)))
                .setOrderBy(OrderBy.asc(SnippetMapper.L_VISITED));
    }

    @Override
    public int deleteStaleUserSnippets(Collection<String> ids, Instant cutoff) {
        Client c = client();
        Set<Key> keys = new LinkedHashSet<>();
        for (String id : ids) {
            if (isKeyName(id)) {
                keys.add(c.mapper().snippetKey(id));
            }
        }
        return deleteKeys(c, List.copyOf(keys), snippet -> isUserOrigin(SnippetMapper.origin(snippet))
                && SnippetMapper.lastVisited(snippet).isBefore(cutoff));
    }

    private static boolean isUserOrigin(String origin) {
        return origin.equals(Origin.PG_USER.name()) || origin.equals(Origin.TB_USER.name());
    }

    @Override
    public boolean addVisits(String mark, Map<String, Visits> visits, Instant now) {
        if (visits.size() > MAX_VISIT_CHUNK) {
            throw new IllegalArgumentException("at most " + MAX_VISIT_CHUNK + " snippets per visit chunk");
        }
        Map<String, Visits> storable = new HashMap<>();
        visits.forEach((id, v) -> {
            if (isKeyName(id)) {
                storable.put(id, v);
            }
        });
        return client().visits().addVisits(mark, storable, now);
    }

    @Override
    public int forgetVisitMarks(Instant before) {
        try {
            return client().visits().forgetVisitMarks(before);
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
    }

    @Override
    public Codecs codecs() {
        return codecs;
    }

    @Override
    public Optional<VersionedObject> read(String kind, String key) {
        if (!isKeyName(key)) {
            return Optional.empty();
        }
        Client c = client();
        try {
            Entity e = c.datastore().get(c.objects().key(kind, key));
            return e == null ? Optional.empty() : Optional.of(c.objects().fromEntity(e));
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
    }

    @Override
    public Optional<VersionedObject> write(String kind, String key,
                                           Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
        if (!isKeyName(key)) {
            throw new InvalidArgumentException("not a valid Datastore key name");
        }
        Client c = client();
        Key k = c.objects().key(kind, key);
        return c.transactions().run(tx -> {
            Entity stored = tx.get(k);
            Optional<VersionedObject> current = stored == null ? Optional.empty()
                    : Optional.of(c.objects().fromEntity(stored));
            Optional<VersionedObject> next = change.apply(current);
            if (next.isEmpty()) {
                tx.rollback();
                return current;
            }
            if (!next.get().kind().equals(kind) || !next.get().key().equals(key)) {
                throw new IllegalArgumentException("a write of " + kind + " must return an object of that kind and key");
            }
            tx.put(c.objects().toEntity(next.get(), stored));
            return next;
        });
    }

    @Override
    public boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo) {
        if (!isKeyName(key)) {
            return false;
        }
        Client c = client();
        Key k = c.objects().key(kind, key);
        return c.transactions().run(tx -> {
            Entity stored = tx.get(k);
            if (stored == null || !stillSo.test(c.objects().fromEntity(stored))) {
                tx.rollback();
                return false;
            }
            tx.delete(k);
            return true;
        });
    }

    @Override
    public List<String> keysAfter(String kind, String afterKey, int limit) {
        Client c = client();
        StructuredQuery.Builder<Key> query = Query.newKeyQueryBuilder()
                .setNamespace(settings.namespace())
                .setKind(kind)
                .setOrderBy(OrderBy.asc("__key__"))
                .setLimit(limit);
        if (!afterKey.isEmpty()) {
            query.setFilter(PropertyFilter.gt("__key__", c.objects().key(kind, afterKey)));
        }
        try {
            List<String> keys = new ArrayList<>();
            c.datastore().run(query.build()).forEachRemaining(k -> keys.add(k.getName()));
            return keys;
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
    }

    /**
     * Deletes snippets with their files, as many whole snippets per commit as fit in its mutation limit;
     * each commit re-reads its snippets in its transaction so the count is exact under concurrency.
     */
    private int deleteKeys(Client c, List<Key> keys, Predicate<Entity> deletable) {
        List<Entity> stored;
        try {
            stored = Transactions.fetchAll(c.datastore(), keys);
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
        int deleted = 0;
        List<Key> batch = new ArrayList<>();
        long batchMutations = 0;
        for (Entity snippet : stored) {
            if (snippet == null || !deletable.test(snippet)) {
                continue;
            }
            long needed = mutationsToDelete(snippet);
            if (needed > Transactions.MAX_MUTATIONS) {
                deleted += deleteOversized(c, snippet);
                continue;
            }
            if (batchMutations + needed > Transactions.MAX_MUTATIONS) {
                deleted += deleteBatch(c, batch, deletable);
                batch = new ArrayList<>();
                batchMutations = 0;
            }
            batch.add(snippet.getKey());
            batchMutations += needed;
        }
        if (!batch.isEmpty()) {
            deleted += deleteBatch(c, batch, deletable);
        }
        return deleted;
    }

    /** Deletes a stored snippet and its files in {@code tx}. */
    private static void deleteWithFiles(Client c, Transaction tx, Entity snippet) {
        tx.delete(snippet.getKey());
        tx.delete(c.mapper().fileKeysOf(snippet).toArray(Key[]::new));
    }

    /** Re-reads the batch in the deleting transaction: what changed since (a visit) is tested again. */
    private int deleteBatch(Client c, List<Key> batch, Predicate<Entity> deletable) {
        return c.transactions().run(tx -> {
            int count = 0;
            for (Entity snippet : tx.fetch(batch.toArray(Key[]::new))) {
                if (snippet != null && deletable.test(snippet)) {
                    deleteWithFiles(c, tx, snippet);
                    count++;
                }
            }
            return count;
        });
    }

    /**
     * A snippet with more files than one commit holds (not written by this code, which caps files at
     * {@link #MAX_FILES}): its files go first in full commits, the snippet last, so an interrupted
     * deletion leaves a snippet whose deletion can be run again rather than orphaned files.
     */
    private int deleteOversized(Client c, Entity snippet) {
        List<Key> files = c.mapper().fileKeysOf(snippet);
        for (int from = 0; from < files.size(); from += Transactions.MAX_MUTATIONS) {
            List<Key> chunk = files.subList(from, Math.min(files.size(), from + Transactions.MAX_MUTATIONS));
            c.transactions().run(tx -> {
                tx.delete(chunk.toArray(Key[]::new));
                return null;
            });
        }
        return c.transactions().run(tx -> {
            if (tx.get(snippet.getKey()) == null) {
                return 0;
            }
            tx.delete(snippet.getKey());
            return 1;
        });
    }

    @Override
    public long countSnippets() {
        return countKeys(Snippet.KIND);
    }

    @Override
    public long countFiles() {
        return countKeys(Snippet.FILE_KIND);
    }

    /** Keys-only: the emulator does not implement aggregation (COUNT) queries. */
    private long countKeys(String kind) {
        Client c = client();
        Query<Key> query = Query.newKeyQueryBuilder().setNamespace(settings.namespace()).setKind(kind).build();
        try {
            long n = 0;
            QueryResults<Key> results = c.datastore().run(query);
            while (results.hasNext()) {
                results.next();
                n++;
            }
            return n;
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
    }

    // --- catalog (DatastoreCatalog) ---

    @Override
    public long catalogVersion() {
        return client().catalog().catalogVersion();
    }

    @Override
    public CatalogSnapshot readCatalog() {
        return client().catalog().readCatalog();
    }

    @Override
    public Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        return client().catalog().precompiledObject(exampleId, kind);
    }

    @Override
    public Set<String> exampleIds(Origin origin) {
        return client().catalog().exampleIds(origin);
    }

    @Override
    public void saveExamples(List<LoadedExample> examples) {
        client().catalog().saveExamples(examples);
    }

    @Override
    public int deleteExamples(Collection<String> ids) {
        return client().catalog().deleteExamples(ids);
    }

    @Override
    public void saveSdks(List<SdkInfo> sdks) {
        client().catalog().saveSdks(sdks);
    }

    @Override
    public void saveDatasets(List<Dataset> datasets) {
        client().catalog().saveDatasets(datasets);
    }

    @Override
    public long bumpCatalogVersion() {
        return client().catalog().bumpCatalogVersion();
    }

    /** Keys-only query in key order, then lookups of the snippets and their files in batches of 1000 keys. */
    @Override
    public List<Snippet> snippetPage(String afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Client c = client();
        KeyQuery.Builder query = Query.newKeyQueryBuilder()
                .setNamespace(settings.namespace())
                .setKind(Snippet.KIND)
                .setOrderBy(OrderBy.asc("__key__"))
                .setLimit(limit);
        if (!afterId.isEmpty()) {
            query.setFilter(PropertyFilter.gt("__key__", c.mapper().snippetKey(afterId)));
        }
        try {
            List<Key> keys = new ArrayList<>();
            c.datastore().run(query.build()).forEachRemaining(keys::add);
            List<Entity> snippets = Transactions.fetchAll(c.datastore(), keys);
            List<Key> fileKeys = new ArrayList<>();
            for (Entity e : snippets) {
                if (e != null) {
                    fileKeys.addAll(c.mapper().fileKeysOf(e));
                }
            }
            Map<Key, Entity> files = new HashMap<>();
            for (Entity f : Transactions.fetchAll(c.datastore(), fileKeys)) {
                if (f != null) {
                    files.put(f.getKey(), f);
                }
            }
            List<Snippet> page = new ArrayList<>(snippets.size());
            for (Entity e : snippets) {
                if (e == null) {
                    continue; // deleted between the query and the lookup
                }
                List<Entity> own = c.mapper().fileKeysOf(e).stream().map(files::get).toList();
                withFiles(c, e, own).ifPresent(page::add);
            }
            return page;
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
    }

    /**
     * Whole snippets per commit, at most 500 mutations each. Surplus files of a replaced snippet are found
     * by one lookup before the commits: fine for copying, where nothing else writes the target.
     */
    @Override
    public int putSnippets(List<Snippet> snippets) {
        snippets.forEach(DatastoreStore::checkStorable);
        Client c = client();
        List<Entity> stored;
        try {
            stored = Transactions.fetchAll(c.datastore(),
                    snippets.stream().map(s -> c.mapper().snippetKey(s.id())).toList());
        } catch (RuntimeException e) {
            throw Transactions.translate(e);
        }
        List<Commit> commits = new ArrayList<>();
        Commit current = new Commit(new ArrayList<>(), new ArrayList<>());
        int inBatch = 0;
        for (int i = 0; i < snippets.size(); i++) {
            Snippet s = snippets.get(i);
            List<Key> surplus = stored.get(i) == null ? List.of() : c.mapper().fileKeysOf(stored.get(i))
                    .stream().skip(s.files().size()).toList();
            int needed = 1 + s.files().size() + surplus.size();
            if (inBatch > 0 && inBatch + needed > Transactions.MAX_MUTATIONS) {
                commits.add(current);
                current = new Commit(new ArrayList<>(), new ArrayList<>());
                inBatch = 0;
            }
            current.puts().add(c.mapper().toEntity(s));
            current.puts().addAll(c.mapper().toFileEntities(s));
            current.deletes().addAll(surplus);
            inBatch += needed;
        }
        if (inBatch > 0) {
            commits.add(current);
        }
        // The commits touch disjoint keys: a few at a time, each waiting mostly on the network.
        for (int from = 0; from < commits.size(); from += PARALLEL_COMMITS) {
            List<CompletableFuture<Void>> running = commits.subList(from, Math.min(commits.size(), from + PARALLEL_COMMITS))
                    .stream().map(commit -> CompletableFuture.runAsync(() -> commitPuts(c, commit), c.pool())).toList();
            try {
                running.forEach(CompletableFuture::join);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return snippets.size();
    }

    /** One commit of {@link #putSnippets}. */
    private record Commit(List<Entity> puts, List<Key> deletes) {
    }

    private static void commitPuts(Client c, Commit commit) {
        c.transactions().run(tx -> {
            if (!commit.deletes().isEmpty()) {
                tx.delete(commit.deletes().toArray(Key[]::new));
            }
            tx.put(commit.puts().toArray(Entity[]::new));
            return null;
        });
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            Client c = client;
            client = null;
            if (c != null) {
                c.pool().shutdown();
                // The HTTP transport (the default) holds no channels; closing it only logs a JUL warning.
                if (!(c.datastore().getOptions().getTransportOptions() instanceof HttpTransportOptions)) {
                    try {
                        c.datastore().close();
                    } catch (Exception e) {
                        LOG.debug("closing the Datastore client failed", e);
                    }
                }
            }
        }
    }

    /** Builds the client (about a thousand classes and the credentials lookup) before the first request needs it. */
    @Override
    public void warmUp() {
        client();
    }

    private Client client() {
        Client c = client;
        if (c != null) {
            return c;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the Datastore store is closed");
            }
            if (client == null) {
                Datastore datastore = connect();
                EntityObjects objects = new EntityObjects(datastore.getOptions().getProjectId(), settings.namespace(),
                        settings.clientDatabaseId(), codecs);
                ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
                SnippetMapper mapper = new SnippetMapper(objects);
                Transactions transactions = new Transactions(datastore);
                client = new Client(datastore, objects, mapper, transactions, pool,
                        new DatastoreCatalog(datastore, settings.namespace(), transactions, mapper, objects),
                        new DatastoreVisits(datastore, settings.namespace(), transactions, objects, mapper));
            }
            return client;
        }
    }

    private Datastore connect() {
        // The client's default retries keep a request waiting ~20 s on an unreachable Datastore; a
        // function answers 503 sooner and lets the caller retry.
        DatastoreOptions.Builder options = DatastoreOptions.newBuilder()
                .setNamespace(settings.namespace())
                .setDatabaseId(settings.clientDatabaseId())
                .setRetrySettings(ServiceOptions.getDefaultRetrySettings().toBuilder()
                        .setTotalTimeoutDuration(RETRY_BUDGET).build());
        settings.projectId().ifPresent(options::setProjectId);
        settings.emulatorHost().ifPresent(host -> options
                .setHost("http://" + host)
                .setCredentials(NoCredentials.getInstance()));
        try {
            return options.build().getService();
        } catch (IllegalArgumentException e) {
            // Thrown when neither backend.project-id nor the environment names a project.
            throw new InternalException("the Datastore project id is not configured", e);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "datastore-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Rejects what Datastore would refuse, before anything is written. */
    private static void checkStorable(Snippet snippet) {
        if (!isKeyName(snippet.id())) {
            throw new InvalidArgumentException("snippet id is not a valid Datastore key name");
        }
        if (snippet.files().size() > MAX_FILES) {
            throw new InvalidArgumentException("a snippet has at most " + MAX_FILES + " files");
        }
        if (Utf8.length(snippet.persistenceKey()) > MAX_INDEXED_BYTES
                || Utf8.length(snippet.ownerId()) > MAX_INDEXED_BYTES) {
            throw new InvalidArgumentException("persistence key or owner id is longer than "
                    + MAX_INDEXED_BYTES + " bytes");
        }
        for (SnippetFile f : snippet.files()) {
            if (Utf8.length(f.name()) > MAX_INDEXED_BYTES) {
                throw new InvalidArgumentException("a file name is longer than " + MAX_INDEXED_BYTES + " bytes");
            }
        }
    }

    /** Whether Datastore accepts the string as a key name (non-empty, at most 1500 bytes, not {@code __x__}). */
    static boolean isKeyName(String id) {
        return id != null && !id.isEmpty() && Utf8.length(id) <= MAX_INDEXED_BYTES && !RESERVED_NAME.matcher(id).matches();
    }
}
