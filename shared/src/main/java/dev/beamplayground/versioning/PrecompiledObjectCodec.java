package dev.beamplayground.versioning;

import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.error.InternalException;
import java.util.List;

/** {@code pg_pc_objects}: precompiled output of an example, key {@code <exampleId>_OUTPUT|LOG|GRAPH}. */
public final class PrecompiledObjectCodec extends ObjectCodec<PrecompiledObject> {
    // 1.0: Beam Playground's pg_pc_objects
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 0);
    public static final String CONTENT = "content";

    private static final List<Field> FIELDS = List.of(Field.text(CONTENT).unindexed());

    public PrecompiledObjectCodec() {
        super(PrecompiledObject.ENTITY_KIND, VERSION, null, FIELDS);
    }

    @Override
    protected PropertyBag encode(PrecompiledObject value) {
        return PropertyBag.builder().text(CONTENT, value.content()).build();
    }

    /** The example id and output kind come from the key. */
    @Override
    protected PrecompiledObject decode(String key, PropertyBag p) {
        int cut = key.lastIndexOf('_');
        if (cut > 0) {
            String suffix = key.substring(cut + 1);
            for (PrecompiledObject.Kind k : PrecompiledObject.Kind.values()) {
                if (k.name().equals(suffix)) {
                    return new PrecompiledObject(key.substring(0, cut), k, p.text(CONTENT, ""));
                }
            }
        }
        throw new InternalException("a stored precompiled object has a malformed key");
    }
}
