package dev.beamplayground.store.event;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state the log describes: the latest properties of every live entity, by kind and id, plus
 * equality indexes on chosen properties. It is built by reading the log in order and applies only whole
 * transactions, so a reader never sees part of an atomic write. Not thread-safe: the store guards it.
 */
final class EventState {
    /** Before the first entry of a stream. */
    static final String START = "0-0";

    private final Map<String, NavigableMap<String, VersionedObject>> kinds = new HashMap<>();
    /** kind -> indexed property; index values are strings. */
    private final Map<String, String> indexedProperty;
    /** kind -> property value -> ids. */
    private final Map<String, Map<String, NavigableSet<String>>> indexes = new HashMap<>();
    private final List<LogEntry> pending = new ArrayList<>();
    private long seq;
    private String position = START;

    /** @param indexedProperty for each kind that needs one, the string property to index by equality */
    EventState(Map<String, String> indexedProperty) {
        this.indexedProperty = Map.copyOf(indexedProperty);
    }

    /** The last transaction applied; a write made on this state expects it to be the log's last. */
    long seq() {
        return seq;
    }

    /** The id of the last stream entry read: the next read starts after it. */
    String position() {
        return position;
    }

    /** Whether a transaction has been read only in part (more of it is still to be read). */
    boolean midTransaction() {
        return !pending.isEmpty();
    }

    /** Takes the next entry of the log; a transaction's changes apply when its last entry arrives. */
    void accept(LogEntry entry) {
        if (!pending.isEmpty() && pending.get(0).seq() != entry.seq()) {
            throw new InternalException("the event log has an incomplete transaction");
        }
        if (entry.seq() <= seq) {
            throw new InternalException("the event log repeats a transaction number");
        }
        pending.add(entry);
        position = entry.streamId();
        if (entry.end()) {
            for (LogEntry e : pending) {
                if (e.event() != null) {
                    apply(e.event());
                }
            }
            seq = entry.seq();
            pending.clear();
        }
    }

    /** Applies a transaction this store appended itself, now at the end of the log. */
    void appended(long newSeq, String lastStreamId, List<Event> events) {
        if (!pending.isEmpty() || newSeq != seq + 1) {
            throw new IllegalStateException("appended on a state that is not at the end of the log");
        }
        events.forEach(this::apply);
        seq = newSeq;
        position = lastStreamId;
    }

    VersionedObject get(String kind, String id) {
        NavigableMap<String, VersionedObject> entities = kinds.get(kind);
        return entities == null ? null : entities.get(id);
    }

    /** The live entities of a kind, in id order; a read-only view. */
    NavigableMap<String, VersionedObject> all(String kind) {
        NavigableMap<String, VersionedObject> entities = kinds.get(kind);
        return entities == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(entities);
    }

    long count(String kind) {
        return all(kind).size();
    }

    /** Ids of the entities of {@code kind} whose indexed property equals {@code value}, in id order. */
    List<String> idsWhere(String kind, String value) {
        Map<String, NavigableSet<String>> index = indexes.get(kind);
        NavigableSet<String> ids = index == null ? null : index.get(value);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    private void apply(Event e) {
        NavigableMap<String, VersionedObject> entities = kinds.computeIfAbsent(e.kind(), k -> new TreeMap<>());
        VersionedObject old = e.isTombstone() ? entities.remove(e.id()) : entities.put(e.id(), e.object());
        String property = indexedProperty.get(e.kind());
        if (property == null) {
            return;
        }
        Map<String, NavigableSet<String>> index = indexes.computeIfAbsent(e.kind(), k -> new HashMap<>());
        String before = old == null ? null : indexValue(old, property);
        String after = e.isTombstone() ? null : indexValue(e.object(), property);
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            NavigableSet<String> ids = index.get(before);
            ids.remove(e.id());
            if (ids.isEmpty()) {
                index.remove(before);
            }
        }
        if (after != null) {
            index.computeIfAbsent(after, v -> new TreeSet<>()).add(e.id());
        }
    }

    private static String indexValue(VersionedObject object, String property) {
        return object.properties().text(property, null);
    }
}
