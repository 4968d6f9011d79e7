package dev.beamplayground.store.event;

import dev.beamplayground.versioning.PropertyValue;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;

/**
 * Visits of a snippet counted beside its object rather than appended to the log: a visit increments a
 * counter and raises a last-visit time in two hashes of the view, atomically, with no event. The
 * snippet's {@code visitCount} is the object's plus the counter, its {@code lVisited} the later of the
 * two; a write that replaces the object folds them in (see {@link Transaction}).
 *
 * @param count visits since the object was last written
 * @param last  the latest of those visits in epoch milliseconds as stored, {@code ""} when none
 */
record Visits(long count, String last) {
    static final Visits NONE = new Visits(0, "");

    static Visits of(String count, String last) {
        return new Visits(count == null ? 0 : Long.parseLong(count), last == null ? "" : last);
    }

    boolean isNone() {
        return count == 0 && last.isEmpty();
    }

    /** The snippet object as Beam would hold it: these visits folded into visitCount and lVisited. */
    VersionedObject foldInto(VersionedObject snippet) {
        if (isNone()) {
            return snippet;
        }
        long visitCount = snippet.properties().integer(SnippetCodec.VISIT_COUNT, 0) + count;
        Instant lastVisited = snippet.properties().time(SnippetCodec.L_VISITED, Instant.EPOCH);
        if (!last.isEmpty() && Instant.ofEpochMilli(Long.parseLong(last)).isAfter(lastVisited)) {
            lastVisited = Instant.ofEpochMilli(Long.parseLong(last));
        }
        return snippet.withProperties(snippet.properties()
                .with(SnippetCodec.VISIT_COUNT, new PropertyValue.Int(visitCount))
                .with(SnippetCodec.L_VISITED, new PropertyValue.Time(lastVisited)));
    }
}
