package dev.beamplayground.connect;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonWriter;
import com.google.protobuf.ByteString;
import dev.beamplayground.connect.schema.FieldSchema;
import dev.beamplayground.connect.schema.MessageSchema;
import dev.beamplayground.connect.schema.WireFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Compact proto3 JSON of a message, as protobuf's {@code JsonFormat} prints it by default: fields in declaration
 * order under their lowerCamelCase names, those at their default left out, 64-bit integers as strings, enums by
 * name (by number when the name is unknown), bytes in standard base64, maps as objects; strings escaped as Gson
 * escapes them (HTML-safe), so an answer's bytes, and its ETag, are what they were with {@code JsonFormat}. It
 * reads the message's binary form by the API's schema, so printing builds no protobuf descriptor.
 */
final class JsonPrinter {
    private JsonPrinter() {
    }

    /** {@code binary}, the serialized form of a message of {@code type}, as JSON. */
    static String print(byte[] binary, MessageSchema type) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = new JsonWriter(out)) {
            writer.setHtmlSafe(true);
            message(writer, binary, type);
        } catch (IOException e) {
            // A StringWriter does not fail, and the bytes are a message's own serialization.
            throw new UncheckedIOException("not a serialized " + type.fullName(), e);
        }
        return out.toString();
    }

    /**
     * {@code s} as a JSON string, escaped as Gson's {@code JsonPrimitive.toString()} escapes it (not HTML-safe), with
     * the stream writer the answers use: Gson's tree model and its type adapters, about 50 classes, stay unloaded.
     */
    static String quote(String s) {
        StringWriter out = new StringWriter(s.length() + 2);
        try (JsonWriter writer = new JsonWriter(out)) {
            writer.setStrictness(Strictness.LENIENT);
            writer.value(s);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static void message(JsonWriter writer, byte[] binary, MessageSchema type) throws IOException {
        List<Object>[] values = WireFields.read(binary, type, false, type.name());
        writer.beginObject();
        for (FieldSchema field : type.fields()) {
            List<Object> v = values[field.index()];
            if (v == null || !field.repeated() && field.messageType() == null && isDefault(WireFields.last(v))) {
                continue;
            }
            writer.name(field.jsonName());
            if (field.isMap()) {
                map(writer, field, v);
            } else if (field.repeated()) {
                writer.beginArray();
                for (Object element : v) {
                    single(writer, field, element);
                }
                writer.endArray();
            } else {
                single(writer, field, valueOf(field, v));
            }
        }
        writer.endObject();
    }

    private static void map(JsonWriter writer, FieldSchema field, List<Object> entries) throws IOException {
        MessageSchema entryType = field.messageType();
        FieldSchema key = entryType.fields().get(0);
        FieldSchema value = entryType.fields().get(1);
        writer.beginObject();
        for (Object entry : entries) {
            List<Object>[] kv = WireFields.read((byte[]) entry, entryType, false, entryType.name());
            writer.name(mapKey(key, valueOf(key, kv[key.index()])));
            single(writer, value, valueOf(value, kv[value.index()]));
        }
        writer.endObject();
    }

    private static void single(JsonWriter writer, FieldSchema field, Object value) throws IOException {
        switch (field.type()) {
            case INT32, SINT32, SFIXED32 -> writer.value((int) (Integer) value);
            case UINT32, FIXED32 -> writer.value(Integer.toUnsignedLong((Integer) value));
            case INT64, SINT64, SFIXED64 -> writer.value(Long.toString((Long) value));
            case UINT64, FIXED64 -> writer.value(Long.toUnsignedString((Long) value));
            case FLOAT -> floating(writer, (Float) value, Float.toString((Float) value));
            case DOUBLE -> floating(writer, (Double) value, Double.toString((Double) value));
            case BOOL -> writer.value((boolean) (Boolean) value);
            case STRING -> writer.value((String) value);
            case BYTES -> writer.value(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> {
                int number = (Integer) value;
                String name = field.enumType().name(number);
                if (name == null) {
                    writer.value(number);
                } else {
                    writer.value(name);
                }
            }
            case MESSAGE -> {
                if (field.messageType().fullName().startsWith("google.protobuf.")) {
                    throw new IllegalStateException(field.name() + " is a well-known type, which the API's"
                            + " JSON codec does not print");
                }
                message(writer, (byte[]) value, field.messageType());
            }
        }
    }

    /**
     * The value of a field that does not repeat: its default when it did not come, the last value when it came more
     * than once, or for a message the merge of all (its parts' bytes one after the other), as protobuf reads them.
     */
    private static Object valueOf(FieldSchema field, List<Object> values) {
        if (values == null) {
            return defaultOf(field);
        }
        return field.messageType() != null ? merged(values) : WireFields.last(values);
    }

    private static byte[] merged(List<Object> parts) {
        if (parts.size() == 1) {
            return (byte[]) parts.get(0);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object part : parts) {
            all.writeBytes((byte[]) part);
        }
        return all.toByteArray();
    }

    /** Proto3's defaults, which JSON leaves out; -0.0 is not one (its bits are not zero), as in JsonFormat. */
    private static boolean isDefault(Object value) {
        if (value instanceof Float f) {
            return Float.floatToRawIntBits(f) == 0;
        }
        if (value instanceof Double d) {
            return Double.doubleToRawLongBits(d) == 0L;
        }
        if (value instanceof String s) {
            return s.isEmpty();
        }
        if (value instanceof ByteString b) {
            return b.isEmpty();
        }
        if (value instanceof Boolean b) {
            return !b;
        }
        return value instanceof Number n && n.longValue() == 0L;
    }

    private static Object defaultOf(FieldSchema field) {
        return switch (field.type()) {
            case INT32, SINT32, SFIXED32, UINT32, FIXED32, ENUM -> 0;
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case BOOL -> false;
            case STRING -> "";
            case BYTES -> ByteString.EMPTY;
            case MESSAGE -> new byte[0];
        };
    }

    private static void floating(JsonWriter writer, double value, String text) throws IOException {
        if (Double.isNaN(value)) {
            writer.value("NaN");
        } else if (Double.isInfinite(value)) {
            writer.value(value > 0 ? "Infinity" : "-Infinity");
        } else {
            writer.jsonValue(text);
        }
    }

    private static String mapKey(FieldSchema key, Object value) {
        return switch (key.type()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) value);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
            default -> String.valueOf(value);
        };
    }
}
