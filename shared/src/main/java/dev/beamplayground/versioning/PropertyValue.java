package dev.beamplayground.versioning;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A typed property value, neutral of any backend: what Datastore, SQLite rows and a serialized event
 * all can hold. {@link Nested} is the embedded entity of Beam's schema (a snippet's datasets).
 */
public sealed interface PropertyValue {

    /** A short stable name of the type, used by the serialized form and in messages. */
    Type type();

    /** The value types; the tag is part of the serialized form and never changes for a type. */
    enum Type {
        NULL(0), TEXT(1), INT(2), REAL(3), BOOL(4), TIME(5), BYTES(6), REF(7), LIST(8), NESTED(9);

        final int tag;

        Type(int tag) {
            this.tag = tag;
        }

        static Type ofTag(int tag) {
            for (Type t : values()) {
                if (t.tag == tag) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown property type tag " + tag);
        }
    }

    record Null() implements PropertyValue {
        public static final Null INSTANCE = new Null();

        @Override
        public Type type() {
            return Type.NULL;
        }
    }

    record Text(String value) implements PropertyValue {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Type type() {
            return Type.TEXT;
        }
    }

    record Int(long value) implements PropertyValue {
        @Override
        public Type type() {
            return Type.INT;
        }
    }

    record Real(double value) implements PropertyValue {
        @Override
        public Type type() {
            return Type.REAL;
        }
    }

    record Bool(boolean value) implements PropertyValue {
        @Override
        public Type type() {
            return Type.BOOL;
        }
    }

    /** An instant with the precision the store keeps (Datastore: microseconds; SQLite: milliseconds). */
    record Time(Instant value) implements PropertyValue {
        public Time {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Type type() {
            return Type.TIME;
        }
    }

    /** Bytes, compared by content. */
    record Bytes(byte[] value) implements PropertyValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public Type type() {
            return Type.BYTES;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** A reference to another entity by kind and key name (a Datastore key in the store's namespace). */
    record Ref(String kind, String name) implements PropertyValue {
        public Ref {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public Type type() {
            return Type.REF;
        }
    }

    record Items(List<PropertyValue> values) implements PropertyValue {
        public Items {
            values = List.copyOf(values);
        }

        @Override
        public Type type() {
            return Type.LIST;
        }
    }

    /** An embedded entity without a key. */
    record Nested(PropertyBag properties) implements PropertyValue {
        public Nested {
            Objects.requireNonNull(properties, "properties");
        }

        @Override
        public Type type() {
            return Type.NESTED;
        }
    }
}
