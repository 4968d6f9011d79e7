package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyFactory;
import dev.beamplayground.domain.PrecompiledObject;
import java.util.ArrayList;
import java.util.List;

/** The one mapping between precompiled outputs and {@code pg_pc_objects} (key {@code <exampleId>_<KIND>}; {@code content}). */
final class PrecompiledObjectMapper {
    static final String CONTENT = "content";

    private final KeyFactory objects;

    PrecompiledObjectMapper(String projectId, String namespace) {
        this.objects = new KeyFactory(projectId, namespace).setKind(PrecompiledObject.ENTITY_KIND);
    }

    Key key(String exampleId, PrecompiledObject.Kind kind) {
        return objects.newKey(new PrecompiledObject(exampleId, kind, "").key());
    }

    /** Keys of every kind of output an example can have. */
    List<Key> keysOf(String exampleId) {
        List<Key> keys = new ArrayList<>();
        for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
            keys.add(key(exampleId, kind));
        }
        return keys;
    }

    Entity toEntity(PrecompiledObject o) {
        // Outputs can be large: unindexed, as only unindexed strings may exceed 1500 bytes.
        return Entity.newBuilder(key(o.exampleId(), o.kind())).set(CONTENT, EntityValues.unindexed(o.content())).build();
    }

    String content(Entity e) {
        return EntityValues.string(e, CONTENT);
    }
}
