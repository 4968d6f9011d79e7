package dev.beamplayground.store.datastore;

import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Snippets in Cloud Datastore (Firestore in Datastore mode), in Beam Playground's schema. The client is
 * created on first use ({@link DatastoreClient}), so opening the store neither connects nor looks for
 * credentials. This class checks arguments against {@link DatastoreLimits} before the client is needed,
 * then hands each call to the role that does it; every Datastore call goes through {@link Transactions}.
 */
final class DatastoreStore implements PlaygroundStore, VisitLedger {
    private final Codecs codecs;
    private final DatastoreClient<Roles> client;

    /** What is built with the client, one object per role. */
    private record Roles(DatastoreSnippets snippets, DatastoreDeletions deletions, DatastoreTransfer transfer,
                         DatastoreVersionedObjects objects, DatastoreCatalog catalog, DatastoreVisits visits) {
        static Roles of(DatastoreClient.Connection c) {
            DatastoreDeletions deletions = new DatastoreDeletions(c);
            return new Roles(new DatastoreSnippets(c, deletions), deletions, new DatastoreTransfer(c),
                    new DatastoreVersionedObjects(c), new DatastoreCatalog(c), new DatastoreVisits(c));
        }
    }

    DatastoreStore(DatastoreSettings settings, Codecs codecs) {
        this.codecs = codecs;
        this.client = new DatastoreClient<>(settings, codecs, Roles::of);
    }

    private Roles roles() {
        return client.get();
    }

    // --- snippets (DatastoreSnippets) ---

    @Override
    public boolean saveSnippet(Snippet snippet) {
        DatastoreLimits.checkStorable(snippet);
        return roles().snippets().saveSnippet(snippet);
    }

    @Override
    public Optional<Snippet> findSnippet(String id) {
        return DatastoreLimits.isKeyName(id) ? roles().snippets().findSnippet(id) : Optional.empty();
    }

    @Override
    public Optional<Snippet> visitSnippet(String id, Instant now) {
        return DatastoreLimits.isKeyName(id) ? roles().snippets().visitSnippet(id, now) : Optional.empty();
    }

    @Override
    public List<String> snippetIdsByPersistenceKey(String persistenceKey) {
        if (!DatastoreLimits.isIndexable(persistenceKey)) {
            return List.of(); // never stored as an indexed value, so nothing can match
        }
        return roles().snippets().snippetIdsByPersistenceKey(persistenceKey);
    }

    @Override
    public long countSnippets() {
        return roles().transfer().countKeys(Snippet.KIND);
    }

    @Override
    public long countFiles() {
        return roles().transfer().countKeys(Snippet.FILE_KIND);
    }

    // --- deletions and the cleanup (DatastoreDeletions) ---

    @Override
    public int deleteSnippets(Collection<String> ids) {
        return roles().deletions().deleteSnippets(ids);
    }

    @Override
    public List<String> staleUserSnippetIds(Instant cutoff, int limit) {
        return roles().deletions().staleUserSnippetIds(cutoff, limit);
    }

    @Override
    public void forEachStaleUserSnippet(Instant cutoff, Consumer<StaleSnippet> each) {
        roles().deletions().forEachStaleUserSnippet(cutoff, each);
    }

    @Override
    public int deleteStaleUserSnippets(Collection<String> ids, Instant cutoff) {
        return roles().deletions().deleteStaleUserSnippets(ids, cutoff);
    }

    // --- buffered visits (DatastoreVisits) ---

    @Override
    public boolean addVisits(String mark, Map<String, Visits> visits, Instant now) {
        if (visits.size() > MAX_VISIT_CHUNK) {
            throw new IllegalArgumentException("at most " + MAX_VISIT_CHUNK + " snippets per visit chunk");
        }
        return roles().visits().addVisits(mark, visits, now);
    }

    /** Also a failure to create the client is translated here, as it always was. */
    @Override
    public int forgetVisitMarks(Instant before) {
        return Transactions.call(() -> roles().visits().forgetVisitMarks(before));
    }

    // --- versioned objects (DatastoreVersionedObjects) ---

    @Override
    public Codecs codecs() {
        return codecs;
    }

    @Override
    public Optional<VersionedObject> read(String kind, String key) {
        return DatastoreLimits.isKeyName(key) ? roles().objects().read(kind, key) : Optional.empty();
    }

    @Override
    public Optional<VersionedObject> write(String kind, String key,
                                           Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
        if (!DatastoreLimits.isKeyName(key)) {
            throw new InvalidArgumentException("not a valid Datastore key name");
        }
        return roles().objects().write(kind, key, change);
    }

    @Override
    public void replace(VersionedObject object) {
        if (!DatastoreLimits.isKeyName(object.key())) {
            throw new InvalidArgumentException("not a valid Datastore key name");
        }
        roles().objects().replace(object);
    }

    @Override
    public boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo) {
        return DatastoreLimits.isKeyName(key) && roles().objects().deleteIf(kind, key, stillSo);
    }

    @Override
    public List<String> deleteAllIf(String kind, List<String> keys, Predicate<VersionedObject> stillSo) {
        return roles().objects().deleteAllIf(kind, keys.stream().filter(DatastoreLimits::isKeyName).toList(), stillSo);
    }

    @Override
    public List<String> keysAfter(String kind, String afterKey, int limit) {
        return roles().objects().keysAfter(kind, afterKey, limit);
    }

    @Override
    public List<VersionedObject> readAfter(String kind, String afterKey, int limit) {
        return roles().objects().readAfter(kind, afterKey, limit);
    }

    // --- catalog (DatastoreCatalog) ---

    @Override
    public long catalogVersion() {
        return roles().catalog().catalogVersion();
    }

    @Override
    public CatalogSnapshot readCatalog() {
        return roles().catalog().readCatalog();
    }

    @Override
    public Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        return roles().catalog().precompiledObject(exampleId, kind);
    }

    @Override
    public Set<String> exampleIds(Origin origin) {
        return roles().catalog().exampleIds(origin);
    }

    @Override
    public void saveExamples(List<LoadedExample> examples) {
        roles().catalog().saveExamples(examples);
    }

    @Override
    public int deleteExamples(Collection<String> ids) {
        return roles().catalog().deleteExamples(ids);
    }

    @Override
    public void saveSdks(List<SdkInfo> sdks) {
        roles().catalog().saveSdks(sdks);
    }

    @Override
    public void saveDatasets(List<Dataset> datasets) {
        roles().catalog().saveDatasets(datasets);
    }

    @Override
    public long bumpCatalogVersion() {
        return roles().catalog().bumpCatalogVersion();
    }

    // --- transfer (DatastoreTransfer) ---

    @Override
    public List<Snippet> snippetPage(String afterId, int limit) {
        return limit <= 0 ? List.of() : roles().transfer().snippetPage(afterId, limit);
    }

    @Override
    public int putSnippets(List<Snippet> snippets) {
        snippets.forEach(DatastoreLimits::checkStorable);
        return roles().transfer().putSnippets(snippets);
    }

    // --- client lifecycle (DatastoreClient) ---

    @Override
    public void close() {
        client.close();
    }

    /**
     * Makes the client before the first request needs it. It is small now (no call is made, no credentials are looked
     * up: the first call does both); the HTTP connection and Datastore's messages load with the first call.
     */
    @Override
    public void warmUp() {
        client.get();
    }
}
