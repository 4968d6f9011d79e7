package dev.beamplayground.store.event;

import dev.beamplayground.versioning.VersionedObject;
import java.util.Objects;

/**
 * One change of one entity: its new state as a versioned object, or a tombstone ({@code object == null}).
 * The log holds it as type {@code [<model_prefix>..., kind, id]} with payload {@code {type: kind, instance}}.
 *
 * @param kind   the entity kind, a Datastore kind name such as {@code pg_snippets}
 * @param id     the entity's key name
 * @param object the whole entity with its object version and every property, or null when deleted
 */
record Event(String kind, String id, VersionedObject object) {
    Event {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (object != null && (!object.kind().equals(kind) || !object.key().equals(id))) {
            throw new IllegalArgumentException("an event's object is of another entity");
        }
    }

    static Event put(VersionedObject object) {
        return new Event(object.kind(), object.key(), object);
    }

    static Event tombstone(String kind, String id) {
        return new Event(kind, id, null);
    }

    boolean isTombstone() {
        return object == null;
    }
}
