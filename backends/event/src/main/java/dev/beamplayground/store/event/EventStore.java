package dev.beamplayground.store.event;

import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreHousekeeping;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import io.lettuce.core.ScoredValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link PlaygroundStore} kept as an append-only log of events in a Redis Stream with a materialized
 * view beside it: every change of an entity appends an event with its whole new state (a deletion a
 * tombstone), and the same script writes that state into the view and its indexes ({@link EventLog},
 * {@link Transaction}). Readers look up the view ({@link View}); an instance holds no state and
 * replays nothing, so a request costs the same whatever the length of the history.
 *
 * <p><b>Atomic writes.</b> A write reads the transaction counter, computes its change on the view, and
 * is appended only if the counter is still the same (compare-and-append, {@link Writer}); otherwise it
 * is computed again. So a save with a persistence key and the deletion of the others under it are one
 * transaction, and of concurrent saves under one key exactly one survives.
 *
 * <p><b>Visits</b> append nothing: they are counted beside the snippet in the view ({@link Visits}).
 *
 * <p><b>Durable writes.</b> A write returns after the server fsynced it to its append-only file (the
 * server must run {@code appendonly yes} and {@code appendfsync always}; checked on connecting) or, with
 * {@code durability=replicas}, after {@code replicas} replicas acknowledged it.
 *
 * <p><b>A bounded log.</b> {@link #housekeep} trims the log to its retention, no further than every
 * registered consumer acknowledged and than the last snapshot of the view ({@link LogRetention}).
 */
final class EventStore implements PlaygroundStore, StoreHousekeeping {
    private final EventConnection redis;
    private final View view;
    private final Writer writer;
    private final Codecs codecs;
    private final SnippetObjects objects;
    private final EventCatalog catalog;
    private final LogRetention retention;

    /** @param codecs the object codecs, with the versions writers are pinned to */
    EventStore(EventSettings settings, Codecs codecs) {
        this.redis = new EventConnection(settings);
        EventKeys keys = settings.keys();
        this.view = new View(redis, keys);
        EventLog log = new EventLog(redis, keys);
        this.writer = new Writer(view, log);
        this.codecs = codecs;
        this.objects = new SnippetObjects(codecs);
        this.catalog = new EventCatalog(view, writer, codecs, objects);
        this.retention = new LogRetention(redis, keys, log, settings.retention());
    }

    /** Appends the other writers made us compute a write again: a measure of contention. */
    long conflicts() {
        return writer.conflicts();
    }

    // --- snippets ---

    @Override
    public boolean saveSnippet(Snippet snippet) {
        Objects.requireNonNull(snippet, "snippet");
        return writer.write(reads -> {
            boolean exists = reads.get(Snippet.KIND, snippet.id()) != null;
            List<Event> events = new ArrayList<>();
            // Also when the id exists: a retried save must still leave only this snippet under the key.
            if (snippet.hasPersistenceKey()) {
                List<String> others = new ArrayList<>(view.byPersistenceKey(snippet.persistenceKey()));
                others.remove(snippet.id());
                reads.prefetch(Snippet.KIND, others);
                for (String other : others) {
                    VersionedObject stored = reads.get(Snippet.KIND, other);
                    if (stored != null) {
                        SnippetObjects.deleteWithFiles(stored, events);
                    }
                }
            }
            if (!exists) {
                events.add(Event.put(objects.snippetObject(snippet)));
                objects.fileObjects(snippet).forEach(f -> events.add(Event.put(f)));
            }
            return new Writer.Change<>(events, !exists);
        });
    }

    @Override
    public Optional<Snippet> findSnippet(String id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(view.readSnippet(id, null)).map(objects::snippet);
    }

    /** One atomic script: the snippet, its files and the visit counted beside it; nothing is appended. */
    @Override
    public Optional<Snippet> visitSnippet(String id, Instant now) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(view.readSnippet(id, now)).map(objects::snippet);
    }

    @Override
    public List<String> snippetIdsByPersistenceKey(String persistenceKey) {
        Objects.requireNonNull(persistenceKey, "persistenceKey");
        if (persistenceKey.isEmpty()) {
            return List.of();
        }
        return view.byPersistenceKey(persistenceKey);
    }

    @Override
    public int deleteSnippets(Collection<String> ids) {
        return deleteSnippetsWhere(ids, (reads, id) -> true);
    }

    @Override
    public long countSnippets() {
        return view.count(Snippet.KIND);
    }

    @Override
    public long countFiles() {
        return view.count(Snippet.FILE_KIND);
    }

    // --- transfer ---

    @Override
    public List<Snippet> snippetPage(String afterId, int limit) {
        Objects.requireNonNull(afterId, "afterId");
        return view.consistent(() -> {
            List<String> ids = view.ids(Snippet.KIND, afterId, limit);
            Map<String, VersionedObject> stored = view.objects(Snippet.KIND, ids);
            Map<String, Visits> visits = view.visits(ids);
            List<String> fileKeys = new ArrayList<>();
            stored.values().forEach(o -> fileKeys.addAll(SnippetObjects.fileKeys(o)));
            Map<String, VersionedObject> files = view.objects(Snippet.FILE_KIND, fileKeys);
            List<Snippet> page = new ArrayList<>();
            for (String id : ids) {
                VersionedObject o = stored.get(id);
                if (o == null) {
                    throw new View.TornRead("an id without its snippet");
                }
                page.add(objects.snippet(visits.get(id).foldInto(o), files));
            }
            return page;
        });
    }

    /** Appends only what differs from the stored state, so copying the same snippets again appends nothing. */
    @Override
    public int putSnippets(List<Snippet> snippets) {
        int written = 0;
        for (List<Snippet> chunk : Writer.batches(snippets)) {
            written += writer.write(reads -> {
                List<String> ids = chunk.stream().map(Snippet::id).toList();
                reads.prefetch(Snippet.KIND, ids);
                reads.prefetchVisits(ids);
                List<String> fileKeys = new ArrayList<>();
                for (Snippet s : chunk) {
                    VersionedObject stored = reads.get(Snippet.KIND, s.id());
                    long old = stored == null ? 0 : SnippetCodec.numberOfFiles(stored);
                    fileKeys.addAll(Snippet.fileKeys(s.id(), Math.max(old, s.files().size())));
                }
                reads.prefetch(Snippet.FILE_KIND, fileKeys);
                List<Event> events = new ArrayList<>();
                int changed = 0;
                for (Snippet s : chunk) {
                    int before = events.size();
                    putChanged(reads, objects, s, events);
                    if (events.size() > before) {
                        changed++;
                    }
                }
                return new Writer.Change<>(events, changed);
            });
        }
        return written;
    }

    /** The events that make the stored snippet (visits folded in) and its files equal to {@code s}. */
    static void putChanged(Reads reads, SnippetObjects objects, Snippet s, List<Event> events) {
        VersionedObject stored = reads.snippet(s.id());
        long old = stored == null ? 0 : SnippetCodec.numberOfFiles(stored);
        reads.prefetch(Snippet.FILE_KIND, Snippet.fileKeys(s.id(), Math.max(old, s.files().size())));
        VersionedObject object = objects.snippetObject(s);
        if (!object.equals(stored)) {
            events.add(Event.put(object));
        }
        for (VersionedObject file : objects.fileObjects(s)) {
            if (!file.equals(reads.get(Snippet.FILE_KIND, file.key()))) {
                events.add(Event.put(file));
            }
        }
        for (long n = s.files().size(); n < old; n++) {
            events.add(Event.tombstone(Snippet.FILE_KIND, SnippetFile.key(s.id(), (int) n)));
        }
    }

    // --- stale user snippets (maintenance) ---

    /** From the last-visit indexes of the two user origins, merged: least recently visited first. */
    @Override
    public List<String> staleUserSnippetIds(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        List<ScoredValue<String>> found = new ArrayList<>();
        for (String origin : EventKeys.USER_ORIGINS) {
            found.addAll(view.lastVisitedBefore(origin, cutoff, Math.max(0, limit)));
        }
        return found.stream()
                .sorted(Comparator.comparingDouble((ScoredValue<String> v) -> v.getScore()).thenComparing(ScoredValue::getValue))
                .limit(Math.max(0, limit))
                .map(ScoredValue::getValue)
                .toList();
    }

    /** Checked again on the view the deleting transaction is computed on: a visit in between keeps the snippet. */
    @Override
    public int deleteStaleUserSnippets(Collection<String> ids, Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return deleteSnippetsWhere(ids, (reads, id) -> {
            VersionedObject snippet = reads.snippet(id);
            String origin = snippet.properties().text(SnippetCodec.ORIGIN, "");
            return EventKeys.USER_ORIGINS.contains(origin)
                    && snippet.properties().time(SnippetCodec.L_VISITED, Instant.EPOCH).isBefore(cutoff);
        });
    }

    @FunctionalInterface
    private interface Condition {
        boolean test(Reads reads, String id);
    }

    /** Deletes, a transaction per batch, the stored snippets {@code condition} accepts. @return how many */
    private int deleteSnippetsWhere(Collection<String> ids, Condition condition) {
        int deleted = 0;
        for (List<String> chunk : Writer.batches(List.copyOf(new LinkedHashSet<>(ids)))) {
            deleted += writer.write(reads -> {
                reads.prefetch(Snippet.KIND, chunk);
                reads.prefetchVisits(chunk);
                List<Event> events = new ArrayList<>();
                int found = 0;
                for (String id : chunk) {
                    VersionedObject stored = reads.get(Snippet.KIND, id);
                    if (stored != null && condition.test(reads, id)) {
                        SnippetObjects.deleteWithFiles(stored, events);
                        found++;
                    }
                }
                return new Writer.Change<>(events, found);
            });
        }
        return deleted;
    }

    // --- versioned objects (migrations and tools) ---

    @Override
    public Codecs codecs() {
        return codecs;
    }

    /** A snippet's object has the visits counted beside it folded in, as Beam's entity would. */
    @Override
    public Optional<VersionedObject> read(String kind, String key) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(stored(new Reads(view), kind, key));
    }

    @Override
    public Optional<VersionedObject> write(String kind, String key,
                                           Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
        Objects.requireNonNull(change, "change");
        return writer.write(reads -> {
            Optional<VersionedObject> stored = Optional.ofNullable(stored(reads, kind, key));
            Optional<VersionedObject> next = change.apply(stored);
            if (next.isEmpty() || next.equals(stored)) {
                return new Writer.Change<>(List.of(), stored);
            }
            VersionedObject object = next.get();
            if (!object.kind().equals(kind) || !object.key().equals(key)) {
                throw new IllegalArgumentException("a versioned write must keep the object's kind and key");
            }
            return new Writer.Change<>(List.of(Event.put(object)), next);
        });
    }

    private static VersionedObject stored(Reads reads, String kind, String key) {
        return kind.equals(Snippet.KIND) ? reads.snippet(key) : reads.get(kind, key);
    }

    @Override
    public boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo) {
        Objects.requireNonNull(stillSo, "stillSo");
        return writer.write(reads -> {
            VersionedObject stored = stored(reads, kind, key);
            if (stored == null || !stillSo.test(stored)) {
                return new Writer.Change<>(List.of(), false);
            }
            return new Writer.Change<>(List.of(Event.tombstone(kind, key)), true);
        });
    }

    @Override
    public List<String> keysAfter(String kind, String afterKey, int limit) {
        Objects.requireNonNull(afterKey, "afterKey");
        return view.ids(kind, afterKey, limit);
    }

    // --- catalog ---

    @Override
    public long catalogVersion() {
        return catalog.catalogVersion();
    }

    @Override
    public CatalogSnapshot readCatalog() {
        return catalog.readCatalog();
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
        return catalog.bumpCatalogVersion();
    }

    // --- maintenance ---

    @Override
    public String housekeep(Clock clock) {
        return retention.trim(clock).summary();
    }

    @Override
    public void close() {
        redis.close();
    }
}
