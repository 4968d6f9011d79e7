package dev.beamplayground.store.event;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The state the log describes, rebuilt in memory by reading it in order: the latest object of every
 * live entity by kind and id. Applies whole transactions only. This is how every instance built its
 * state before the view existed; now only the recovery tools and the view check replay, from the start
 * of the log or from a snapshot of the view plus the log after it.
 */
final class LogReplay {
    /** Before the first entry of a stream. */
    static final String START = "0-0";
    private static final int READ_BATCH = 1000;

    private final Map<String, NavigableMap<String, VersionedObject>> kinds = new TreeMap<>();
    private final List<LogEntry> pending = new ArrayList<>();
    private long seq;
    private String position;
    private long entries;

    /** @param position the stream id the state stands at; @param seq the transaction it ends with */
    private LogReplay(String position, long seq) {
        this.position = position;
        this.seq = seq;
    }

    /** Replays the whole log; it must never have been trimmed. */
    static LogReplay fromStart(EventLog log) {
        return new LogReplay(START, 0).readToEnd(log);
    }

    /**
     * A snapshot of the view (taken while writes went on: each entity as of some moment after the
     * snapshot's position) plus the log after that position: applying each later event again yields, per
     * entity, its last event or else its snapshot value, which is the current state.
     */
    static LogReplay fromSnapshot(ViewSnapshot.Snapshot snapshot, EventLog log) {
        LogReplay replay = new LogReplay(snapshot.position(), snapshot.seq());
        snapshot.objects().forEach((kind, objects) -> replay.kinds.put(kind, new TreeMap<>(objects)));
        return replay.readToEnd(log);
    }

    private LogReplay readToEnd(EventLog log) {
        while (true) {
            List<LogEntry> page = log.read(position, READ_BATCH);
            page.forEach(this::accept);
            if (page.size() < READ_BATCH) {
                if (!pending.isEmpty()) {
                    throw new InternalException("the event log ends inside a transaction");
                }
                return this;
            }
        }
    }

    /** The last transaction applied. */
    long seq() {
        return seq;
    }

    /** The id of the last stream entry read. */
    String position() {
        return position;
    }

    /** Entries read (every model prefix of the stream). */
    long entries() {
        return entries;
    }

    private void accept(LogEntry entry) {
        entries++;
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

    private void apply(Event e) {
        NavigableMap<String, VersionedObject> entities = kinds.computeIfAbsent(e.kind(), k -> new TreeMap<>());
        if (e.isTombstone()) {
            entities.remove(e.id());
        } else {
            entities.put(e.id(), e.object());
        }
    }

    /** Kinds with live entities, in name order. */
    List<String> kinds() {
        return kinds.entrySet().stream().filter(k -> !k.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** The live entities of a kind, in id order; a read-only view. */
    NavigableMap<String, VersionedObject> all(String kind) {
        NavigableMap<String, VersionedObject> entities = kinds.get(kind);
        return entities == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(entities);
    }
}
