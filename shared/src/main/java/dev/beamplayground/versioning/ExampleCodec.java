package dev.beamplayground.versioning;

import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObjectType;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.error.InternalException;
import java.util.List;
import java.util.Objects;

/** {@code pg_examples}: a catalog example, key {@code <SDK>_<name>}; its code is the snippet of the same id. */
public final class ExampleCodec extends ObjectCodec<Example> {
    // 1.0: Beam Playground's pg_examples, with neverRun beside alwaysRun
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 0);

    public static final String NAME = "name";
    public static final String SDK = "sdk";
    public static final String DESCR = "descr";
    public static final String TAGS = "tags";
    public static final String CATS = "cats";
    public static final String PATH = "path";
    public static final String TYPE = "type";
    public static final String ORIGIN = "origin";
    public static final String SCH_VER = "schVer";
    public static final String URL_VCS = "urlVCS";
    public static final String URL_NOTEBOOK = "urlNotebook";
    public static final String ALWAYS_RUN = "alwaysRun";
    public static final String NEVER_RUN = "neverRun";

    private static final List<Field> FIELDS = List.of(
            Field.text(NAME),
            Field.ref(SDK, Sdk.KIND),
            Field.text(DESCR).unindexed(),
            Field.texts(TAGS),
            Field.texts(CATS),
            Field.text(PATH),
            Field.text(TYPE),
            Field.text(ORIGIN),
            Field.ref(SCH_VER, SchemaVersion.KIND),
            Field.text(URL_VCS).optional(),
            Field.text(URL_NOTEBOOK).optional(),
            Field.bool(ALWAYS_RUN).optional(),
            Field.bool(NEVER_RUN).optional());

    public ExampleCodec() {
        super(Example.KIND, VERSION, null, FIELDS);
    }

    @Override
    protected PropertyBag encode(Example e) {
        return PropertyBag.builder()
                .text(NAME, e.name())
                .ref(SDK, Sdk.KIND, e.sdk().name())
                .text(DESCR, Objects.requireNonNullElse(e.description(), ""))
                .texts(TAGS, e.tags())
                .texts(CATS, e.categories())
                .text(PATH, Objects.requireNonNullElse(e.path(), ""))
                .text(TYPE, Objects.requireNonNullElse(e.type(), PrecompiledObjectType.PRECOMPILED_OBJECT_TYPE_UNSPECIFIED)
                        .name())
                .text(ORIGIN, Objects.requireNonNull(e.origin(), "origin of an example").name())
                .ref(SCH_VER, SchemaVersion.KIND, Objects.requireNonNullElse(e.schemaVersion(), SchemaVersion.CURRENT))
                .text(URL_VCS, Objects.requireNonNullElse(e.urlVcs(), ""))
                .text(URL_NOTEBOOK, Objects.requireNonNullElse(e.urlNotebook(), ""))
                .bool(ALWAYS_RUN, e.alwaysRun())
                .bool(NEVER_RUN, e.neverRun())
                .build();
    }

    @Override
    protected Example decode(String key, PropertyBag p) {
        return new Example(key, p.text(NAME, ""), named(Sdk.class, p.refName(SDK, "")), p.text(DESCR, ""),
                p.texts(TAGS), p.texts(CATS), p.text(PATH, ""),
                p.has(TYPE) ? named(PrecompiledObjectType.class, p.text(TYPE, ""))
                        : PrecompiledObjectType.PRECOMPILED_OBJECT_TYPE_UNSPECIFIED,
                named(Origin.class, p.text(ORIGIN, "")), p.refName(SCH_VER, SchemaVersion.CURRENT),
                p.text(URL_VCS, ""), p.text(URL_NOTEBOOK, ""), p.bool(ALWAYS_RUN, false), p.bool(NEVER_RUN, false));
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new InternalException("a stored example has an unknown " + type.getSimpleName());
    }
}
