package dev.beamplayground.versioning;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One property of an object version: its stored name, type, whether every object of this version has
 * it, and whether Datastore indexes it. The fields of a version make up its fingerprint.
 *
 * @param name     stored property name
 * @param type     value type
 * @param detail   the referenced kind of a REF, the element type of a LIST ("" otherwise)
 * @param required every object of this version carries it (an optional one may be absent)
 * @param indexed  Datastore indexes it (long texts must not be)
 * @param parts    the fields of a LIST of NESTED entities
 */
public record Field(String name, PropertyValue.Type type, String detail, boolean required, boolean indexed,
                    List<Field> parts) {
    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        parts = List.copyOf(parts);
    }

    public static Field text(String name) {
        return new Field(name, PropertyValue.Type.TEXT, "", true, true, List.of());
    }

    public static Field integer(String name) {
        return new Field(name, PropertyValue.Type.INT, "", true, true, List.of());
    }

    public static Field bool(String name) {
        return new Field(name, PropertyValue.Type.BOOL, "", true, true, List.of());
    }

    public static Field time(String name) {
        return new Field(name, PropertyValue.Type.TIME, "", true, true, List.of());
    }

    public static Field ref(String name, String kind) {
        return new Field(name, PropertyValue.Type.REF, kind, true, true, List.of());
    }

    public static Field texts(String name) {
        return new Field(name, PropertyValue.Type.LIST, PropertyValue.Type.TEXT.name(), true, true, List.of());
    }

    public static Field nestedList(String name, Field... parts) {
        return new Field(name, PropertyValue.Type.LIST, PropertyValue.Type.NESTED.name(), true, true, List.of(parts));
    }

    /** May be absent from a stored object of this version. */
    public Field optional() {
        return new Field(name, type, detail, false, indexed, parts);
    }

    /** Excluded from Datastore indexes: never queried, and may be longer than 1500 bytes. */
    public Field unindexed() {
        return new Field(name, type, detail, required, false, parts);
    }

    /** The canonical line of this field in a fingerprint, e.g. {@code sdk:REF(pg_sdks)} or {@code pipeOpts:TEXT?-i}. */
    public String signature() {
        StringBuilder s = new StringBuilder(name).append(':').append(type.name());
        if (!detail.isEmpty()) {
            s.append('(').append(detail).append(')');
        }
        if (!parts.isEmpty()) {
            s.append(parts.stream().map(Field::signature).sorted().collect(Collectors.joining(",", "{", "}")));
        }
        if (!required) {
            s.append('?');
        }
        if (!indexed) {
            s.append("-i");
        }
        return s.toString();
    }
}
