package dev.beamplayground.store.datastore;

import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.EntityOrBuilder;
import dev.beamplayground.store.datastore.wire.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entity's properties by name, with a map's rules: Datastore's entity holds them in a map, which
 * datastore_wire.proto declares as the repeated entry it is on the wire (so that no descriptor is built for it). A
 * name is held once, and of two entries with one name in an answer the later wins, as protobuf reads a map.
 */
final class EntityProperties {
    private EntityProperties() {
    }

    static Map<String, Value> of(EntityOrBuilder e) {
        Map<String, Value> all = new LinkedHashMap<>();
        for (Entity.Property p : e.getPropertiesList()) {
            all.put(p.getName(), p.getValue());
        }
        return all;
    }

    /** The value of {@code name}, or null. */
    static Value get(EntityOrBuilder e, String name) {
        Value found = null;
        for (Entity.Property p : e.getPropertiesList()) {
            if (p.getName().equals(name)) {
                found = p.getValue();
            }
        }
        return found;
    }

    /** Sets {@code name} to {@code value}, in place of any value it had. */
    static Entity.Builder put(Entity.Builder b, String name, Value value) {
        for (int i = b.getPropertiesCount() - 1; i >= 0; i--) {
            if (b.getProperties(i).getName().equals(name)) {
                b.removeProperties(i);
            }
        }
        return b.addProperties(Entity.Property.newBuilder().setName(name).setValue(value));
    }
}
