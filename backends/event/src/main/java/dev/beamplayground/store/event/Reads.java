package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one attempt of a write read from the view, after it read the transaction counter: the objects
 * its change was computed on (the "before" of every event, which the index updates need) and the
 * visits counted beside snippets it replaces. Valid only as long as the counter is unchanged, which the
 * append script checks.
 */
final class Reads {
    private final View view;
    private final Map<String, Map<String, Optional<VersionedObject>>> objects = new HashMap<>();
    private final Map<String, Visits> visits = new HashMap<>();

    Reads(View view) {
        this.view = view;
    }

    View view() {
        return view;
    }

    VersionedObject get(String kind, String id) {
        Map<String, Optional<VersionedObject>> ofKind = objects.computeIfAbsent(kind, k -> new HashMap<>());
        Optional<VersionedObject> cached = ofKind.get(id);
        if (cached == null) {
            cached = Optional.ofNullable(view.object(kind, id));
            ofKind.put(id, cached);
        }
        return cached.orElse(null);
    }

    /** Reads the objects of these ids not read yet in one call. */
    void prefetch(String kind, Collection<String> ids) {
        Map<String, Optional<VersionedObject>> ofKind = objects.computeIfAbsent(kind, k -> new HashMap<>());
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (!ofKind.containsKey(id)) {
                missing.add(id);
            }
        }
        Map<String, VersionedObject> found = view.objects(kind, missing);
        for (String id : missing) {
            ofKind.put(id, Optional.ofNullable(found.get(id)));
        }
    }

    /** Visits counted beside a snippet's object (read once per attempt). */
    Visits visits(String snippetId) {
        Visits cached = visits.get(snippetId);
        if (cached == null) {
            prefetchVisits(List.of(snippetId));
            cached = visits.get(snippetId);
        }
        return cached;
    }

    void prefetchVisits(Collection<String> snippetIds) {
        List<String> missing = snippetIds.stream().filter(id -> !visits.containsKey(id)).distinct().toList();
        visits.putAll(view.visits(missing));
    }

    /** A snippet's object as Beam holds it: with the visits counted beside it folded in. */
    VersionedObject snippet(String id) {
        VersionedObject stored = get(Snippet.KIND, id);
        return stored == null ? null : visits(id).foldInto(stored);
    }

    /** The visits this attempt saw, for snippets it read them of. */
    Visits seenVisits(String snippetId) {
        return visits.getOrDefault(snippetId, Visits.NONE);
    }

    boolean sawVisits(String snippetId) {
        return visits.containsKey(snippetId);
    }
}
