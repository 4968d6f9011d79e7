package dev.beamplayground.store.event;

import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.CatalogItem;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.CatalogVersionObject;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ExampleCodec;
import dev.beamplayground.versioning.ObjectCodec;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link PlaygroundStore} kept as an append-only log of events in a Redis Stream ({@link EventLog}):
 * every change of an entity appends an event with its whole new state, a deletion appends a tombstone,
 * and the state is the latest event per (kind, id), rebuilt by reading the log from the start on first
 * use and then incrementally: every call first reads what other instances appended since.
 *
 * <p><b>Atomic writes.</b> A write is computed on the caught-up state and appended as one transaction
 * by one script that first checks that the log's last transaction is still the one this state ends
 * with (compare-and-append). When another writer got there first the write reads the new events and is
 * computed again, so a save with a persistence key and the deletion of the others under it are one
 * transaction, and of concurrent saves under one key exactly one survives.
 *
 * <p><b>Durable writes.</b> A write returns after the server fsynced it to its append-only file (the
 * server must run {@code appendonly yes} and {@code appendfsync always}; checked on connecting) or, with
 * {@code durability=replicas}, after {@code replicas} replicas acknowledged it.
 *
 * <p><b>Ids.</b> Snippet ids are content hashes and never come from the log; the log's own numbers
 * (transaction counter, stream ids) live in Redis beside the events and only grow, also across
 * restarts, unlike an id taken as "largest in memory + 1".
 *
 * <p>Instances serialize their own calls on one lock; instances among themselves by the log.
 */
final class EventStore implements PlaygroundStore {
    /** Entries read per round trip while catching up. */
    static final int READ_BATCH = 1000;
    /** Snippets per transaction in {@link #deleteSnippets} and {@link #putSnippets}. */
    static final int WRITE_BATCH = 500;
    /** Compare-and-append attempts before a write gives up as unavailable. */
    static final int MAX_ATTEMPTS = 200;

    private final EventLog log;
    private final Codecs codecs;
    private static final Set<Origin> USER_ORIGINS = EnumSet.of(Origin.PG_USER, Origin.TB_USER);

    private final EventState state = new EventState(Map.of(
            Snippet.KIND, SnippetCodec.PERSISTENCE_KEY,
            Example.KIND, ExampleCodec.ORIGIN));
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong conflicts = new AtomicLong();
    private boolean closed;

    /** @param codecs the object codecs, with the versions writers are pinned to */
    EventStore(EventSettings settings, Codecs codecs) {
        this.log = new EventLog(settings);
        this.codecs = codecs;
    }

    /** Appends the other writers made us compute a write again: a measure of contention. */
    long conflicts() {
        return conflicts.get();
    }

    // --- snippets ---

    @Override
    public boolean saveSnippet(Snippet snippet) {
        Objects.requireNonNull(snippet, "snippet");
        return write(() -> {
            boolean exists = state.get(Snippet.KIND, snippet.id()) != null;
            List<Event> events = new ArrayList<>();
            // Also when the id exists: a retried save must still leave only this snippet under the key.
            if (snippet.hasPersistenceKey()) {
                for (String other : state.idsWhere(Snippet.KIND, snippet.persistenceKey())) {
                    if (!other.equals(snippet.id())) {
                        deleteWithFiles(other, events);
                    }
                }
            }
            if (!exists) {
                events.add(Event.put(snippetObject(snippet)));
                fileObjects(snippet).forEach(f -> events.add(Event.put(f)));
            }
            return new Change<>(events, !exists);
        });
    }

    @Override
    public Optional<Snippet> findSnippet(String id) {
        Objects.requireNonNull(id, "id");
        return read(() -> snippet(id));
    }

    @Override
    public Optional<Snippet> visitSnippet(String id, Instant now) {
        Objects.requireNonNull(id, "id");
        return write(() -> {
            VersionedObject stored = state.get(Snippet.KIND, id);
            if (stored == null) {
                return new Change<>(List.of(), Optional.<Snippet>empty());
            }
            Snippet visited = snippet(stored).visited(now);
            // rewrite keeps the properties this code does not know.
            VersionedObject next = codecs.snippets().rewrite(stored, visited, codecs.writeVersion(Snippet.KIND));
            return new Change<>(List.of(Event.put(next)), Optional.of(visited));
        });
    }

    @Override
    public List<String> snippetIdsByPersistenceKey(String persistenceKey) {
        Objects.requireNonNull(persistenceKey, "persistenceKey");
        if (persistenceKey.isEmpty()) {
            return List.of();
        }
        return read(() -> state.idsWhere(Snippet.KIND, persistenceKey));
    }

    @Override
    public int deleteSnippets(Collection<String> ids) {
        return deleteWhere(ids, id -> state.get(Snippet.KIND, id) != null, this::deleteWithFiles);
    }

    @Override
    public long countSnippets() {
        return read(() -> state.count(Snippet.KIND));
    }

    @Override
    public long countFiles() {
        return read(() -> state.count(Snippet.FILE_KIND));
    }

    // --- transfer ---

    @Override
    public List<Snippet> snippetPage(String afterId, int limit) {
        Objects.requireNonNull(afterId, "afterId");
        return read(() -> {
            List<Snippet> page = new ArrayList<>();
            for (String id : state.all(Snippet.KIND).tailMap(afterId, false).keySet()) {
                if (page.size() >= limit) {
                    break;
                }
                page.add(snippet(id).orElseThrow());
            }
            return page;
        });
    }

    /** Appends only what differs from the stored state, so copying the same snippets again appends nothing. */
    @Override
    public int putSnippets(List<Snippet> snippets) {
        int written = 0;
        for (List<Snippet> chunk : batches(snippets)) {
            written += write(() -> {
                List<Event> events = new ArrayList<>();
                int changed = 0;
                for (Snippet s : chunk) {
                    int before = events.size();
                    putChanged(s, events);
                    if (events.size() > before) {
                        changed++;
                    }
                }
                return new Change<>(events, changed);
            });
        }
        return written;
    }

    private void putChanged(Snippet s, List<Event> events) {
        VersionedObject stored = state.get(Snippet.KIND, s.id());
        VersionedObject object = snippetObject(s);
        if (!object.equals(stored)) {
            events.add(Event.put(object));
        }
        for (VersionedObject file : fileObjects(s)) {
            if (!file.equals(state.get(Snippet.FILE_KIND, file.key()))) {
                events.add(Event.put(file));
            }
        }
        long old = stored == null ? 0 : SnippetCodec.numberOfFiles(stored);
        for (long n = s.files().size(); n < old; n++) {
            events.add(Event.tombstone(Snippet.FILE_KIND, SnippetFile.key(s.id(), (int) n)));
        }
    }

    // --- stale user snippets (maintenance) ---

    @Override
    public List<String> staleUserSnippetIds(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        return read(() -> state.all(Snippet.KIND).values().stream()
                .filter(o -> isStaleUserSnippet(o, cutoff))
                .sorted(Comparator.comparing((VersionedObject o) -> lastVisited(o)).thenComparing(VersionedObject::key))
                .limit(Math.max(0, limit))
                .map(VersionedObject::key)
                .toList());
    }

    /** Checked again on the state the deleting transaction is computed on: a visit in between keeps the snippet. */
    @Override
    public int deleteStaleUserSnippets(Collection<String> ids, Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return deleteWhere(ids, id -> {
            VersionedObject stored = state.get(Snippet.KIND, id);
            return stored != null && isStaleUserSnippet(stored, cutoff);
        }, this::deleteWithFiles);
    }

    private static boolean isStaleUserSnippet(VersionedObject snippet, Instant cutoff) {
        String origin = snippet.properties().text(SnippetCodec.ORIGIN, "");
        return USER_ORIGINS.stream().anyMatch(o -> o.name().equals(origin)) && lastVisited(snippet).isBefore(cutoff);
    }

    private static Instant lastVisited(VersionedObject snippet) {
        return snippet.properties().time(SnippetCodec.L_VISITED, Instant.EPOCH);
    }

    // --- versioned objects (migrations and tools) ---

    @Override
    public Codecs codecs() {
        return codecs;
    }

    @Override
    public Optional<VersionedObject> read(String kind, String key) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        return read(() -> Optional.ofNullable(state.get(kind, key)));
    }

    @Override
    public Optional<VersionedObject> write(String kind, String key,
                                           Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
        Objects.requireNonNull(change, "change");
        return write(() -> {
            Optional<VersionedObject> stored = Optional.ofNullable(state.get(kind, key));
            Optional<VersionedObject> next = change.apply(stored);
            if (next.isEmpty() || next.equals(stored)) {
                return new Change<>(List.of(), stored);
            }
            VersionedObject object = next.get();
            if (!object.kind().equals(kind) || !object.key().equals(key)) {
                throw new IllegalArgumentException("a versioned write must keep the object's kind and key");
            }
            return new Change<>(List.of(Event.put(object)), next);
        });
    }

    @Override
    public List<String> keysAfter(String kind, String afterKey, int limit) {
        Objects.requireNonNull(afterKey, "afterKey");
        return read(() -> state.all(kind).tailMap(afterKey, false).keySet().stream()
                .limit(Math.max(0, limit)).toList());
    }

    // --- catalog ---

    @Override
    public long catalogVersion() {
        return read(this::storedCatalogVersion);
    }

    /** Everything from one caught-up state, so the data is exactly as new as the version. */
    @Override
    public CatalogSnapshot readCatalog() {
        return read(() -> {
            List<SdkInfo> sdks = new ArrayList<>();
            for (Sdk sdk : Sdk.values()) { // only SDKs this code knows
                VersionedObject o = state.get(Sdk.KIND, sdk.name());
                if (o != null) {
                    sdks.add(codecs.sdks().read(o));
                }
            }
            List<CatalogItem> items = new ArrayList<>();
            Set<String> datasetIds = new TreeSet<>();
            for (String id : state.idsWhere(Example.KIND, Origin.PG_EXAMPLES.name())) {
                Example example = codecs.examples().read(state.get(Example.KIND, id));
                Optional<Snippet> snippet = snippet(id);
                if (snippet.isEmpty()) {
                    items.add(new CatalogItem(example, "", dev.beamplayground.domain.Complexity.COMPLEXITY_UNSPECIFIED,
                            0, 0, List.of()));
                    continue;
                }
                Snippet s = snippet.get();
                int contextLine = s.files().stream().filter(SnippetFile::main).findFirst()
                        .map(SnippetFile::contextLine).orElse(0);
                s.datasets().forEach(d -> datasetIds.add(d.datasetId()));
                items.add(new CatalogItem(example, s.pipelineOptions(), s.complexity(), s.files().size(),
                        contextLine, s.datasets()));
            }
            List<Dataset> datasets = new ArrayList<>();
            for (String id : datasetIds) {
                VersionedObject d = state.get(Dataset.KIND, id);
                if (d != null) {
                    datasets.add(codecs.datasets().read(d));
                }
            }
            return new CatalogSnapshot(storedCatalogVersion(), sdks, items, datasets);
        });
    }

    @Override
    public Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        Objects.requireNonNull(exampleId, "exampleId");
        String key = new PrecompiledObject(exampleId, kind, "").key();
        return read(() -> Optional.ofNullable(state.get(PrecompiledObject.ENTITY_KIND, key))
                .map(o -> codecs.precompiledObjects().read(o).content()));
    }

    @Override
    public Set<String> exampleIds(Origin origin) {
        Objects.requireNonNull(origin, "origin");
        return read(() -> new TreeSet<>(state.idsWhere(Example.KIND, origin.name())));
    }

    /** A transaction per batch of examples: each example, its snippet, files and outputs go whole. */
    @Override
    public void saveExamples(List<LoadedExample> examples) {
        for (List<LoadedExample> chunk : batches(examples)) {
            write(() -> {
                List<Event> events = new ArrayList<>();
                for (LoadedExample e : chunk) {
                    events.add(Event.put(writeOver(codecs.examples(), e.id(), e.example())));
                    putChanged(e.snippet(), events);
                    Set<PrecompiledObject.Kind> present = EnumSet.noneOf(PrecompiledObject.Kind.class);
                    for (PrecompiledObject o : e.outputs()) {
                        present.add(o.kind());
                        events.add(Event.put(writeOver(codecs.precompiledObjects(), o.key(), o)));
                    }
                    for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                        String key = new PrecompiledObject(e.id(), kind, "").key();
                        if (!present.contains(kind) && state.get(PrecompiledObject.ENTITY_KIND, key) != null) {
                            events.add(Event.tombstone(PrecompiledObject.ENTITY_KIND, key));
                        }
                    }
                }
                return new Change<>(events, null);
            });
        }
    }

    @Override
    public int deleteExamples(Collection<String> ids) {
        return deleteWhere(ids, id -> state.get(Example.KIND, id) != null, (id, events) -> {
            events.add(Event.tombstone(Example.KIND, id));
            if (state.get(Snippet.KIND, id) != null) {
                deleteWithFiles(id, events);
            }
            for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                String key = new PrecompiledObject(id, kind, "").key();
                if (state.get(PrecompiledObject.ENTITY_KIND, key) != null) {
                    events.add(Event.tombstone(PrecompiledObject.ENTITY_KIND, key));
                }
            }
        });
    }

    @Override
    public void saveSdks(List<SdkInfo> sdks) {
        write(() -> new Change<>(sdks.stream()
                .map(s -> Event.put(writeOver(codecs.sdks(), s.sdk().name(), s)))
                .toList(), null));
    }

    @Override
    public void saveDatasets(List<Dataset> datasets) {
        for (List<Dataset> chunk : batches(datasets)) {
            write(() -> new Change<>(chunk.stream()
                    .map(d -> Event.put(writeOver(codecs.datasets(), d.id(), d)))
                    .toList(), null));
        }
    }

    /** Compare-and-append makes the increment atomic among instances. */
    @Override
    public long bumpCatalogVersion() {
        return write(() -> {
            VersionedObject version = CatalogVersionObject.bumped(
                    state.get(CatalogVersionObject.KIND, CatalogVersionObject.KEY), Instant.now());
            return new Change<>(List.of(Event.put(version)), CatalogVersionObject.version(version));
        });
    }

    private long storedCatalogVersion() {
        return CatalogVersionObject.version(state.get(CatalogVersionObject.KIND, CatalogVersionObject.KEY));
    }

    /** {@code value} at the pinned version over the stored object (called inside a write), unknown properties kept. */
    private <T> VersionedObject writeOver(ObjectCodec<T> codec, String key, T value) {
        return codec.writeOver(state.get(codec.kind(), key), key, value, codecs.writeVersion(codec.kind()));
    }

    // --- entities of a snippet ---

    private Optional<Snippet> snippet(String id) {
        VersionedObject stored = state.get(Snippet.KIND, id);
        return stored == null ? Optional.empty() : Optional.of(snippet(stored));
    }

    /** Whole transactions only, so a live snippet always has its files; a missing one is damage. */
    private Snippet snippet(VersionedObject stored) {
        List<SnippetFile> files = new ArrayList<>();
        for (String key : Snippet.fileKeys(stored.key(), SnippetCodec.numberOfFiles(stored))) {
            VersionedObject file = state.get(Snippet.FILE_KIND, key);
            if (file == null) {
                throw new InternalException("a stored snippet is missing one of its files");
            }
            files.add(codecs.files().read(file));
        }
        return codecs.snippets().read(stored, files);
    }

    private VersionedObject snippetObject(Snippet s) {
        return codecs.snippets().write(s.id(), s, codecs.writeVersion(Snippet.KIND));
    }

    private List<VersionedObject> fileObjects(Snippet s) {
        return codecs.files().writeAll(s, codecs.writeVersion(Snippet.FILE_KIND));
    }

    private void deleteWithFiles(String id, List<Event> events) {
        VersionedObject stored = state.get(Snippet.KIND, id);
        for (String key : Snippet.fileKeys(id, SnippetCodec.numberOfFiles(stored))) {
            events.add(Event.tombstone(Snippet.FILE_KIND, key));
        }
        events.add(Event.tombstone(Snippet.KIND, id));
    }

    // --- batches ---

    /**
     * Deletes, a transaction per batch, the entities {@code present} accepts on the state the batch is
     * computed on; {@code delete} adds the tombstones of one. @return how many were deleted
     */
    private int deleteWhere(Collection<String> ids, Predicate<String> present, BiConsumer<String, List<Event>> delete) {
        int deleted = 0;
        for (List<String> chunk : batches(List.copyOf(new LinkedHashSet<>(ids)))) {
            deleted += write(() -> {
                List<Event> events = new ArrayList<>();
                int found = 0;
                for (String id : chunk) {
                    if (present.test(id)) {
                        delete.accept(id, events);
                        found++;
                    }
                }
                return new Change<>(events, found);
            });
        }
        return deleted;
    }

    /** Consecutive slices of at most {@link #WRITE_BATCH} elements: one transaction each. */
    private static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += WRITE_BATCH) {
            out.add(all.subList(from, Math.min(all.size(), from + WRITE_BATCH)));
        }
        return out;
    }

    // --- reading and writing the log ---

    /** What a write appends and what it answers; no events: nothing to append. */
    private record Change<T>(List<Event> events, T result) {
    }

    @FunctionalInterface
    private interface Plan<T> {
        Change<T> compute();
    }

    /** Catches up, then answers from the state. */
    private <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            catchUp();
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Computes the change on the caught-up state and appends it if no one appended meanwhile; else
     * reads what was appended and computes again.
     */
    private <T> T write(Plan<T> plan) {
        lock.lock();
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                catchUp();
                Change<T> change = plan.compute();
                if (change.events().isEmpty()) {
                    return change.result();
                }
                Optional<EventLog.Appended> appended = log.append(state.seq(), change.events());
                if (appended.isPresent()) {
                    state.appended(appended.get().seq(), appended.get().lastStreamId(), change.events());
                    return change.result();
                }
                conflicts.incrementAndGet();
            }
            throw new StoreUnavailableException("the event log kept changing under this write", null);
        } finally {
            lock.unlock();
        }
    }

    /** Reads everything appended since the state's position; scripts are atomic, so it ends on a whole transaction. */
    private void catchUp() {
        if (closed) {
            throw new IllegalStateException("the event store is closed");
        }
        while (true) {
            List<LogEntry> entries = log.read(state.position(), READ_BATCH);
            entries.forEach(state::accept);
            if (entries.size() == READ_BATCH) {
                continue;
            }
            if (state.midTransaction()) {
                throw new InternalException("the event log ends inside a transaction");
            }
            return;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            log.close();
        } finally {
            lock.unlock();
        }
    }
}
