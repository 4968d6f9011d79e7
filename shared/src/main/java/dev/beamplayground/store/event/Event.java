package dev.beamplayground.store.event;

import java.util.Map;
import java.util.Objects;

/**
 * One change of one entity: its new properties, or a tombstone ({@code properties == null}). The log
 * holds it as type {@code [<model_prefix>..., kind, id]} with payload {@code {type: kind, instance}}.
 *
 * @param kind       the entity kind, a Datastore kind name such as {@code pg_snippets}
 * @param id         the entity's key name
 * @param properties the whole entity as a property bag, or null when the entity is deleted
 */
record Event(String kind, String id, Map<String, Object> properties) {
    Event {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    static Event put(String kind, String id, Map<String, Object> properties) {
        return new Event(kind, id, Objects.requireNonNull(properties, "properties"));
    }

    static Event tombstone(String kind, String id) {
        return new Event(kind, id, null);
    }

    boolean isTombstone() {
        return properties == null;
    }
}
