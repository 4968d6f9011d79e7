package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.VersionedObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link PlaygroundStore} in one SQLite file: the facade over the backend's roles, each a class of its own
 * (snippets, visits, cleanup of stale snippets, transfer, versioned objects, catalog), all running their
 * statements through one {@link SqliteDatabase}.
 *
 * <p>One connection, guarded by a lock: SQLite serializes writers anyway, and a single connection
 * keeps transactions simple. Several processes may share the file (WAL, busy timeout); a lock held
 * by another process longer than the timeout surfaces as {@link StoreUnavailableException}.
 *
 * <p>Timestamps are stored as epoch milliseconds, so {@code created} and {@code lVisited} come back
 * truncated to milliseconds ({@code Instant.truncatedTo(MILLIS)}); an instant that already has
 * millisecond precision round-trips unchanged. Datastore keeps microseconds, so milliseconds is
 * what every backend can promise.
 */
final class SqliteStore implements PlaygroundStore, VisitLedger {
    static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 5_000;

    private final Codecs codecs;
    private final SqliteDatabase db;
    private final SqliteSnippets snippets;
    private final SqliteVisits visits;
    private final SqliteCleanup cleanup;
    private final SqliteTransfer transfer;
    private final SqliteVersionedObjects objects;
    private final SqliteCatalog catalog;

    SqliteStore(Path file, Codecs codecs) {
        this(file, DEFAULT_BUSY_TIMEOUT_MILLIS, codecs);
    }

    SqliteStore(Path file, int busyTimeoutMillis, Codecs codecs) {
        this.codecs = Objects.requireNonNull(codecs, "codecs");
        this.db = new SqliteDatabase(file, busyTimeoutMillis);
        SqliteSnippetRows rows = new SqliteSnippetRows(codecs);
        this.snippets = new SqliteSnippets(db, rows);
        this.visits = new SqliteVisits(db, rows);
        this.cleanup = new SqliteCleanup(db);
        this.transfer = new SqliteTransfer(db, rows);
        this.objects = new SqliteVersionedObjects(db);
        this.catalog = new SqliteCatalog(db, codecs, rows);
    }

    Path file() {
        return db.file();
    }

    // --- snippets (SqliteSnippets) ---

    @Override
    public boolean saveSnippet(Snippet snippet) {
        return snippets.save(snippet);
    }

    @Override
    public Optional<Snippet> findSnippet(String id) {
        return snippets.find(id);
    }

    @Override
    public List<String> snippetIdsByPersistenceKey(String persistenceKey) {
        return snippets.idsByPersistenceKey(persistenceKey);
    }

    @Override
    public int deleteSnippets(Collection<String> ids) {
        return snippets.delete(ids);
    }

    @Override
    public long countSnippets() {
        return snippets.count();
    }

    @Override
    public long countFiles() {
        return snippets.countFiles();
    }

    // --- visits (SqliteVisits) ---

    @Override
    public Optional<Snippet> visitSnippet(String id, Instant now) {
        return visits.visit(id, now);
    }

    @Override
    public boolean addVisits(String mark, Map<String, Visits> visits, Instant now) {
        return this.visits.add(mark, visits, now);
    }

    @Override
    public int forgetVisitMarks(Instant before) {
        return visits.forgetMarks(before);
    }

    // --- stale user snippets (SqliteCleanup) ---

    @Override
    public List<String> staleUserSnippetIds(Instant cutoff, int limit) {
        return cleanup.staleIds(cutoff, limit);
    }

    @Override
    public void forEachStaleUserSnippet(Instant cutoff, Consumer<StaleSnippet> each) {
        cleanup.forEachStale(cutoff, each);
    }

    @Override
    public int deleteStaleUserSnippets(Collection<String> ids, Instant cutoff) {
        return cleanup.deleteStale(ids, cutoff);
    }

    // --- transfer (SqliteTransfer) ---

    @Override
    public List<Snippet> snippetPage(String afterId, int limit) {
        return transfer.page(afterId, limit);
    }

    @Override
    public int putSnippets(List<Snippet> snippets) {
        return transfer.put(snippets);
    }

    // --- versioned objects (SqliteVersionedObjects) ---

    @Override
    public Codecs codecs() {
        return codecs;
    }

    @Override
    public Optional<VersionedObject> read(String kind, String key) {
        return objects.read(kind, key);
    }

    @Override
    public Optional<VersionedObject> write(String kind, String key,
                                           Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
        return objects.write(kind, key, change);
    }

    @Override
    public boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo) {
        return objects.deleteIf(kind, key, stillSo);
    }

    @Override
    public List<String> keysAfter(String kind, String afterKey, int limit) {
        return objects.keysAfter(kind, afterKey, limit);
    }

    // --- catalog (SqliteCatalog) ---

    @Override
    public long catalogVersion() {
        return catalog.version();
    }

    @Override
    public CatalogSnapshot readCatalog() {
        return catalog.read();
    }

    @Override
    public Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        return catalog.precompiledObject(exampleId, kind);
    }

    @Override
    public Set<String> exampleIds(Origin origin) {
        return catalog.exampleIds(origin);
    }

    @Override
    public void saveExamples(List<LoadedExample> examples) {
        catalog.saveExamples(examples);
    }

    @Override
    public int deleteExamples(Collection<String> ids) {
        return catalog.deleteExamples(ids);
    }

    @Override
    public void saveSdks(List<SdkInfo> sdks) {
        catalog.saveSdks(sdks);
    }

    @Override
    public void saveDatasets(List<Dataset> datasets) {
        catalog.saveDatasets(datasets);
    }

    @Override
    public long bumpCatalogVersion() {
        return catalog.bumpVersion();
    }

    // --- lifecycle (SqliteDatabase) ---

    @Override
    public void close() {
        db.close();
    }
}
