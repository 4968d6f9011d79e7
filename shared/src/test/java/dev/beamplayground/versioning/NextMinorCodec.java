package dev.beamplayground.versioning;

import java.util.ArrayList;
import java.util.List;

/**
 * A codec of a next code version (N+1) for any kind: the next minor version of {@code base}, which adds
 * the property {@value #NOTE} (a text, written with every object). To code of version N it is a newer
 * minor with a property it does not know.
 *
 * @param <T> the domain type, the same as {@code base}'s
 */
public final class NextMinorCodec<T> extends ObjectCodec<T> {
    public static final String NOTE = "nextNote";

    private final ObjectCodec<T> base;
    private final String note;

    public NextMinorCodec(ObjectCodec<T> base, String note) {
        super(base.kind(), ObjectVersion.of(base.version().major(), base.version().minor() + 1), base.version(),
                withNote(base.fields()));
        this.base = base;
        this.note = note;
    }

    /** {@code codecs} with every catalog kind (examples, SDKs, datasets, precompiled objects) at its next minor. */
    public static Codecs catalogOf(Codecs codecs, String note) {
        return codecs.with(new NextMinorCodec<>(codecs.examples(), note))
                .with(new NextMinorCodec<>(codecs.sdks(), note))
                .with(new NextMinorCodec<>(codecs.datasets(), note))
                .with(new NextMinorCodec<>(codecs.precompiledObjects(), note));
    }

    private static List<Field> withNote(List<Field> baseFields) {
        List<Field> all = new ArrayList<>(baseFields);
        all.add(Field.text(NOTE).optional());
        return all;
    }

    @Override
    protected PropertyBag encode(T value) {
        return base.encode(value).with(NOTE, new PropertyValue.Text(note));
    }

    @Override
    protected T decode(String key, PropertyBag properties) {
        return base.decode(key, properties);
    }

    @Override
    protected PropertyBag makeCompatible(PropertyBag current, ObjectVersion target) {
        return current.without(NOTE);
    }
}
