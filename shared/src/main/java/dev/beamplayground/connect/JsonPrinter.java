package dev.beamplayground.connect;

import com.google.gson.stream.JsonWriter;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MessageOrBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Compact proto3 JSON of a message, as protobuf's {@code JsonFormat} prints it by default: fields in number
 * order under their lowerCamelCase names, those at their default left out, 64-bit integers as strings, enums by
 * name (by number when the name is unknown), bytes in standard base64, maps as objects; strings escaped as Gson
 * escapes them (HTML-safe), so an answer's bytes, and its ETag, are what they were with {@code JsonFormat}.
 */
final class JsonPrinter {
    private JsonPrinter() {
    }

    static String print(MessageOrBuilder message) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = new JsonWriter(out)) {
            writer.setHtmlSafe(true);
            message(writer, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void message(JsonWriter writer, MessageOrBuilder message) throws IOException {
        writer.beginObject();
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            writer.name(field.getKey().getJsonName());
            value(writer, field.getKey(), field.getValue());
        }
        writer.endObject();
    }

    private static void value(JsonWriter writer, FieldDescriptor field, Object value) throws IOException {
        if (field.isMapField()) {
            FieldDescriptor key = field.getMessageType().findFieldByName("key");
            FieldDescriptor val = field.getMessageType().findFieldByName("value");
            writer.beginObject();
            for (Object entry : (List<?>) value) {
                MessageOrBuilder e = (MessageOrBuilder) entry;
                writer.name(mapKey(key, e.getField(key)));
                single(writer, val, e.getField(val));
            }
            writer.endObject();
        } else if (field.isRepeated()) {
            writer.beginArray();
            for (Object element : (List<?>) value) {
                single(writer, field, element);
            }
            writer.endArray();
        } else {
            single(writer, field, value);
        }
    }

    private static void single(JsonWriter writer, FieldDescriptor field, Object value) throws IOException {
        switch (field.getType()) {
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
                EnumValueDescriptor e = (EnumValueDescriptor) value;
                if (e.getIndex() == -1) {
                    writer.value(e.getNumber());
                } else {
                    writer.value(e.getName());
                }
            }
            case MESSAGE, GROUP -> {
                if (field.getMessageType().getFullName().startsWith("google.protobuf.")) {
                    throw new IllegalStateException(field.getFullName() + " is a well-known type, which the API's"
                            + " JSON codec does not print");
                }
                message(writer, (MessageOrBuilder) value);
            }
        }
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

    private static String mapKey(FieldDescriptor key, Object value) {
        return switch (key.getType()) {
            case UINT32, FIXED32 -> Integer.toUnsignedString((Integer) value);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
            default -> String.valueOf(value);
        };
    }
}
