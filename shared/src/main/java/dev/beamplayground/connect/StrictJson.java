package dev.beamplayground.connect;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.beamplayground.connect.schema.EnumSchema;
import dev.beamplayground.connect.schema.FieldSchema;
import dev.beamplayground.connect.schema.MessageSchema;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.logging.Printable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The proto3 JSON parser of the API: the message's binary form is written while the JSON is read, by the API's
 * schema (no protobuf descriptor is built), with the strictness protobuf's lenient {@code JsonFormat} lacks (it
 * reads comments, NaN, single quotes, unquoted names and trailing data, takes a number or boolean for a string
 * field, lets a repeated key win silently and drops an enum name it does not know to the default), and without its
 * class weight at a cold start. The body must be one strict RFC 8259 object, with no repeated member, no unpaired
 * surrogate in a string, and each known field of the JSON type its proto3 mapping allows (null for any, meaning the
 * default; unknown fields are skipped, as Connect servers do, after the same syntax checks). Values convert as
 * {@code JsonFormat} converts them: 64-bit integers as numbers or strings, integral numbers written with a
 * fraction or exponent, bytes in standard or URL-safe base64, enums by name or number. The well-known types
 * ({@code google.protobuf.*}) have JSON forms of their own, which this parser does not read: the API uses none
 * ({@code ProtoJsonTest} keeps it so).
 */
final class StrictJson {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,10})");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final int maxDepth;

    StrictJson(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /**
     * Reads {@code json} as a message of {@code type}.
     *
     * @return the message's binary form, for its generated parser
     * @throws InvalidArgumentException naming the first problem; it quotes nothing of the request
     */
    byte[] parse(String json, MessageSchema type) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw bad("the request body must be a JSON object");
            }
            byte[] message = message(reader, type, 1);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw bad("the request body holds more than one JSON value");
            }
            return message;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw bad("the request body is not valid JSON: " + where(e.getMessage()));
        }
    }

    private byte[] message(JsonReader reader, MessageSchema type, int depth) throws IOException {
        depth(depth);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        reader.beginObject();
        Set<String> names = new HashSet<>();
        Set<FieldSchema> fields = new HashSet<>();
        while (reader.hasNext()) {
            String name = name(reader, names);
            FieldSchema field = type.fieldNamed(name);
            if (field == null) {
                any(reader, depth + 1);
            } else if (!fields.add(field)) {
                throw bad(field.jsonName() + " is given twice");
            } else {
                value(reader, out, field, depth + 1);
            }
        }
        reader.endObject();
        out.flush();
        return bytes.toByteArray();
    }

    /** One field's JSON value, written as the field; null is the default, which is not written. */
    private void value(JsonReader reader, CodedOutputStream out, FieldSchema field, int depth) throws IOException {
        if (reader.peek() == JsonToken.NULL) {
            reader.nextNull();
            return;
        }
        if (field.isMap()) {
            expect(reader, JsonToken.BEGIN_OBJECT, field, "an object");
            depth(depth);
            FieldSchema keyField = field.messageType().fields().get(0);
            FieldSchema valueField = field.messageType().fields().get(1);
            Set<String> keys = new HashSet<>();
            reader.beginObject();
            while (reader.hasNext()) {
                String key = name(reader, keys);
                if (reader.peek() == JsonToken.NULL) {
                    throw bad(field.jsonName() + " has a null value");
                }
                ByteArrayOutputStream entryBytes = new ByteArrayOutputStream();
                CodedOutputStream entry = CodedOutputStream.newInstance(entryBytes);
                write(entry, keyField, mapKey(key, keyField, field));
                write(entry, valueField, single(reader, valueField, field, depth + 1));
                entry.flush();
                out.writeByteArray(field.number(), entryBytes.toByteArray());
            }
            reader.endObject();
        } else if (field.repeated()) {
            expect(reader, JsonToken.BEGIN_ARRAY, field, "an array");
            depth(depth);
            reader.beginArray();
            while (reader.hasNext()) {
                if (reader.peek() == JsonToken.NULL) {
                    throw bad(field.jsonName() + " has a null element");
                }
                write(out, field, single(reader, field, field, depth + 1));
            }
            reader.endArray();
        } else {
            write(out, field, single(reader, field, field, depth));
        }
    }

    /**
     * One value of {@code field}'s type, as {@link #write} takes it: a nested message as its bytes; {@code named}
     * is the field the message names (the map field for a map's value).
     */
    private Object single(JsonReader reader, FieldSchema field, FieldSchema named, int depth) throws IOException {
        JsonToken token = reader.peek();
        return switch (field.type()) {
            case STRING -> {
                expect(reader, JsonToken.STRING, named, "a string");
                yield text(reader.nextString());
            }
            case BYTES -> {
                expect(reader, JsonToken.STRING, named, "a string");
                yield bytes(text(reader.nextString()), named);
            }
            case BOOL -> {
                expect(reader, JsonToken.BOOLEAN, named, "true or false");
                yield reader.nextBoolean();
            }
            case ENUM -> enumValue(reader, token, field.enumType(), named);
            case MESSAGE -> {
                if (field.messageType().fullName().startsWith("google.protobuf.")) {
                    throw new IllegalStateException(field.name() + " is a well-known type, which the API's"
                            + " JSON codec does not read");
                }
                expect(reader, JsonToken.BEGIN_OBJECT, named, "an object");
                yield message(reader, field.messageType(), depth);
            }
            default -> {
                if (token != JsonToken.NUMBER && token != JsonToken.STRING) {
                    throw bad(named.jsonName() + " must be a number");
                }
                yield ProtoNumbers.of(field.type(), number(reader, token), named.jsonName());
            }
        };
    }

    private static void write(CodedOutputStream out, FieldSchema field, Object value) throws IOException {
        int n = field.number();
        switch (field.type()) {
            case DOUBLE -> out.writeDouble(n, (Double) value);
            case FLOAT -> out.writeFloat(n, (Float) value);
            case INT64 -> out.writeInt64(n, (Long) value);
            case UINT64 -> out.writeUInt64(n, (Long) value);
            case INT32 -> out.writeInt32(n, (Integer) value);
            case FIXED64 -> out.writeFixed64(n, (Long) value);
            case FIXED32 -> out.writeFixed32(n, (Integer) value);
            case BOOL -> out.writeBool(n, (Boolean) value);
            case STRING -> out.writeString(n, (String) value);
            case MESSAGE -> out.writeByteArray(n, (byte[]) value);
            case BYTES -> out.writeBytes(n, (ByteString) value);
            case UINT32 -> out.writeUInt32(n, (Integer) value);
            case ENUM -> out.writeEnum(n, (Integer) value);
            case SFIXED32 -> out.writeSFixed32(n, (Integer) value);
            case SFIXED64 -> out.writeSFixed64(n, (Long) value);
            case SINT32 -> out.writeSInt32(n, (Integer) value);
            case SINT64 -> out.writeSInt64(n, (Long) value);
        }
    }

    private static int enumValue(JsonReader reader, JsonToken token, EnumSchema type, FieldSchema named)
            throws IOException {
        if (token == JsonToken.STRING) {
            Integer value = type.number(reader.nextString());
            if (value == null) {
                throw bad(named.jsonName() + " is not a value of " + type.name());
            }
            return value;
        }
        if (token == JsonToken.NUMBER) {
            // JsonFormat drops a number that is no int32 to the default instead of refusing it.
            String text = reader.nextString();
            if (!isInt32(text)) {
                throw bad(named.jsonName() + " is not a value of " + type.name());
            }
            int number = Integer.parseInt(text);
            // An open (proto3) enum keeps a number it does not know, as the binary form does.
            if (type.closed() && type.name(number) == null) {
                throw bad(named.jsonName() + " is not a value of " + type.name());
            }
            return number;
        }
        throw bad(named.jsonName() + " must be an enum name or number");
    }

    /** A map key, which JSON always writes as a string. */
    private static Object mapKey(String key, FieldSchema keyField, FieldSchema named) {
        return switch (keyField.type()) {
            case STRING -> key;
            case BOOL -> switch (key) {
                case "true" -> true;
                case "false" -> false;
                default -> throw bad(named.jsonName() + " has a key that is not true or false");
            };
            default -> ProtoNumbers.of(keyField.type(), key, named.jsonName());
        };
    }

    /** Standard base64, or the URL-safe alphabet, padded or not, as JsonFormat reads bytes. */
    private static ByteString bytes(String text, FieldSchema named) {
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            try {
                return ByteString.copyFrom(Base64.getUrlDecoder().decode(text));
            } catch (IllegalArgumentException e2) {
                throw bad(named.jsonName() + " is not base64");
            }
        }
    }

    /** Any JSON value of an unknown field: checked for syntax, depth, repeated names and surrogates only. */
    private void any(JsonReader reader, int depth) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                depth(depth);
                Set<String> names = new HashSet<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    name(reader, names);
                    any(reader, depth + 1);
                }
                reader.endObject();
            }
            case BEGIN_ARRAY -> {
                depth(depth);
                reader.beginArray();
                while (reader.hasNext()) {
                    any(reader, depth + 1);
                }
                reader.endArray();
            }
            case STRING -> text(reader.nextString());
            case NUMBER -> number(reader, JsonToken.NUMBER);
            case BOOLEAN -> reader.nextBoolean();
            case NULL -> reader.nextNull();
            default -> throw bad("the request body is not valid JSON");
        }
    }

    private static String name(JsonReader reader, Set<String> seen) throws IOException {
        String name = reader.nextName();
        text(name);
        if (!seen.add(name)) {
            throw bad("a member name appears twice in one object");
        }
        return name;
    }

    private static String number(JsonReader reader, JsonToken token) throws IOException {
        String text = reader.nextString();
        if (token == JsonToken.NUMBER && !NUMBER.matcher(text).matches()) {
            throw bad("the request body is not valid JSON: a malformed number");
        }
        return text;
    }

    private static boolean isInt32(String text) {
        if (!INTEGER.matcher(text).matches()) {
            return false;
        }
        try {
            Integer.parseInt(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void expect(JsonReader reader, JsonToken token, FieldSchema field, String what) throws IOException {
        if (reader.peek() != token) {
            throw bad(field.jsonName() + " must be " + what);
        }
    }

    private void depth(int depth) {
        if (depth > maxDepth) {
            throw bad("the request JSON nests deeper than " + maxDepth + " levels");
        }
    }

    /** Strings must be Unicode: JSON escapes can spell a surrogate without its pair. */
    private static String text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad("a string of the request holds an unpaired surrogate (\\u" + Integer.toHexString(c) + ")");
            }
        }
        return s;
    }

    /** Gson's reason and position ("Unterminated string at line 1 column 29"), without the path it read. */
    private static String where(String message) {
        if (message == null) {
            return "malformed";
        }
        int path = message.indexOf(" path ");
        String reason = path < 0 ? message : message.substring(0, path);
        // Gson's advice to the developer (switch to lenient parsing) is no answer to a client.
        reason = reason.replaceFirst("^Use JsonReader\\.setStrictness\\([^)]*\\) to accept ", "");
        return Printable.of(reason, 120);
    }

    static InvalidArgumentException bad(String message) {
        return new InvalidArgumentException(message);
    }
}
