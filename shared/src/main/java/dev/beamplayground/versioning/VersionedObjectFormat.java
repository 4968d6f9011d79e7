package dev.beamplayground.versioning;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serialized form of a {@link VersionedObject}: the same object always gives the same bytes, so a
 * backend can store, hash or compare them (the event backend keeps {@code base64(bytes)} per event; the
 * SQLite backend keeps the properties its columns do not hold).
 *
 * <pre>
 * object   = "PGO" formatVersion(1 byte = 1) text(kind) text(key) int(major) int(minor) bag
 * bag      = int(count) { text(name) value }   -- names in ascending String order, unique
 * value    = tag(1 byte) payload               -- tags of {@link PropertyValue.Type}
 *   NULL: -  TEXT: text  INT: long  REAL: long(IEEE bits, NaN canonical)  BOOL: 1 byte 0|1
 *   TIME: long(epoch seconds) int(nanos)  BYTES: int(length) bytes  REF: text(kind) text(name)
 *   LIST: int(count) { value }  NESTED: bag
 * text     = int(UTF-8 length) UTF-8 bytes; int and long big-endian
 * </pre>
 */
public final class VersionedObjectFormat {
    private static final byte[] MAGIC = {'P', 'G', 'O'};
    private static final byte FORMAT = 1;
    /** Nested entities inside lists inside nested entities...: far more than any schema uses. */
    private static final int MAX_DEPTH = 16;

    private VersionedObjectFormat() {
    }

    public static byte[] toBytes(VersionedObject object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(FORMAT);
            text(out, object.kind());
            text(out, object.key());
            out.writeInt(object.version().major());
            out.writeInt(object.version().minor());
            bag(out, object.properties());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Only the properties, in the same encoding (a bag); for backends that keep the rest elsewhere. */
    public static byte[] bagToBytes(PropertyBag bag) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            bag(out, bag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not an object in this format */
    public static VersionedObject fromBytes(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            for (byte b : MAGIC) {
                if (in.get() != b) {
                    throw new IllegalArgumentException("not a serialized versioned object");
                }
            }
            if (in.get() != FORMAT) {
                throw new IllegalArgumentException("unknown versioned object format");
            }
            String kind = text(in);
            String key = text(in);
            ObjectVersion version = new ObjectVersion(in.getInt(), in.getInt());
            PropertyBag bag = bag(in, 0);
            requireEnd(in);
            return new VersionedObject(kind, key, version, bag);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a serialized versioned object is truncated", e);
        }
    }

    public static PropertyBag bagFromBytes(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            PropertyBag bag = bag(in, 0);
            requireEnd(in);
            return bag;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("serialized properties are truncated", e);
        }
    }

    private static void requireEnd(ByteBuffer in) {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after a serialized versioned object");
        }
    }

    private static void bag(DataOutputStream out, PropertyBag bag) throws IOException {
        out.writeInt(bag.asMap().size());
        for (Map.Entry<String, PropertyValue> e : bag.asMap().entrySet()) {
            text(out, e.getKey());
            value(out, e.getValue());
        }
    }

    private static void value(DataOutputStream out, PropertyValue value) throws IOException {
        out.writeByte(value.type().tag);
        if (value instanceof PropertyValue.Text t) {
            text(out, t.value());
        } else if (value instanceof PropertyValue.Int i) {
            out.writeLong(i.value());
        } else if (value instanceof PropertyValue.Real r) {
            out.writeLong(Double.doubleToLongBits(r.value()));
        } else if (value instanceof PropertyValue.Bool b) {
            out.writeByte(b.value() ? 1 : 0);
        } else if (value instanceof PropertyValue.Time t) {
            out.writeLong(t.value().getEpochSecond());
            out.writeInt(t.value().getNano());
        } else if (value instanceof PropertyValue.Bytes b) {
            byte[] raw = b.value();
            out.writeInt(raw.length);
            out.write(raw);
        } else if (value instanceof PropertyValue.Ref r) {
            text(out, r.kind());
            text(out, r.name());
        } else if (value instanceof PropertyValue.Items l) {
            out.writeInt(l.values().size());
            for (PropertyValue v : l.values()) {
                value(out, v);
            }
        } else if (value instanceof PropertyValue.Nested n) {
            bag(out, n.properties());
        }
        // NULL has no payload.
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static PropertyBag bag(ByteBuffer in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("serialized properties nest too deep");
        }
        int count = count(in);
        TreeMap<String, PropertyValue> properties = new TreeMap<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            String name = text(in);
            if (previous != null && previous.compareTo(name) >= 0) {
                throw new IllegalArgumentException("serialized property names are not in order");
            }
            previous = name;
            properties.put(name, value(in, depth));
        }
        return PropertyBag.of(properties);
    }

    private static PropertyValue value(ByteBuffer in, int depth) {
        PropertyValue.Type type = PropertyValue.Type.ofTag(in.get());
        return switch (type) {
            case NULL -> PropertyValue.Null.INSTANCE;
            case TEXT -> new PropertyValue.Text(text(in));
            case INT -> new PropertyValue.Int(in.getLong());
            case REAL -> new PropertyValue.Real(Double.longBitsToDouble(in.getLong()));
            case BOOL -> switch (in.get()) {
                case 0 -> new PropertyValue.Bool(false);
                case 1 -> new PropertyValue.Bool(true);
                default -> throw new IllegalArgumentException("a serialized boolean is neither 0 nor 1");
            };
            case TIME -> {
                try {
                    yield new PropertyValue.Time(Instant.ofEpochSecond(in.getLong(), in.getInt()));
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("a serialized time is out of range", e);
                }
            }
            case BYTES -> {
                byte[] raw = new byte[count(in)];
                in.get(raw);
                yield new PropertyValue.Bytes(raw);
            }
            case REF -> new PropertyValue.Ref(text(in), text(in));
            case LIST -> {
                int n = count(in);
                List<PropertyValue> values = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    values.add(value(in, depth + 1));
                }
                yield new PropertyValue.Items(values);
            }
            case NESTED -> new PropertyValue.Nested(bag(in, depth + 1));
        };
    }

    /** A length or count, never more than the bytes left (each element takes at least one). */
    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("a serialized length is out of range");
        }
        return n;
    }

    private static String text(ByteBuffer in) {
        byte[] utf8 = new byte[count(in)];
        in.get(utf8);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("serialized text is not UTF-8", e);
        }
    }
}
