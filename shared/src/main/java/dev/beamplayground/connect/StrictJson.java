package dev.beamplayground.connect;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.logging.Printable;
import java.io.IOException;
import java.io.StringReader;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The proto3 JSON parser of the API: the message is built while the JSON is read, by the message's descriptor,
 * with the strictness protobuf's lenient {@code JsonFormat} lacks (it reads comments, NaN, single quotes,
 * unquoted names and trailing data, takes a number or boolean for a string field, lets a repeated key win
 * silently and drops an enum name it does not know to the default), and without its class weight at a cold
 * start. The body must be one strict RFC 8259 object, with no repeated member, no unpaired surrogate in a
 * string, and each known field of the JSON type its proto3 mapping allows (null for any, meaning the default;
 * unknown fields are skipped, as Connect servers do, after the same syntax checks). Values convert as
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

    /** Only checks {@code json}, as {@link #parse} would. */
    void check(String json, Descriptor type) {
        parse(json, DynamicMessage.newBuilder(type));
    }

    /**
     * Reads {@code json} into {@code builder}.
     *
     * @throws InvalidArgumentException naming the first problem; it quotes nothing of the request
     */
    void parse(String json, Message.Builder builder) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw bad("the request body must be a JSON object");
            }
            message(reader, builder, 1);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw bad("the request body holds more than one JSON value");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw bad("the request body is not valid JSON: " + where(e.getMessage()));
        }
    }

    private void message(JsonReader reader, Message.Builder builder, int depth) throws IOException {
        depth(depth);
        Descriptor type = builder.getDescriptorForType();
        reader.beginObject();
        Set<String> names = new HashSet<>();
        Set<FieldDescriptor> fields = new HashSet<>();
        while (reader.hasNext()) {
            String name = name(reader, names);
            FieldDescriptor field = field(type, name);
            if (field == null) {
                any(reader, depth + 1);
            } else if (!fields.add(field)) {
                throw bad(field.getJsonName() + " is given twice");
            } else {
                value(reader, builder, field, depth + 1);
            }
        }
        reader.endObject();
    }

    private void value(JsonReader reader, Message.Builder builder, FieldDescriptor field, int depth)
            throws IOException {
        if (reader.peek() == JsonToken.NULL) {
            reader.nextNull();
            builder.clearField(field);
            return;
        }
        if (field.isMapField()) {
            expect(reader, JsonToken.BEGIN_OBJECT, field, "an object");
            depth(depth);
            FieldDescriptor keyField = field.getMessageType().findFieldByName("key");
            FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
            Set<String> keys = new HashSet<>();
            reader.beginObject();
            while (reader.hasNext()) {
                String key = name(reader, keys);
                if (reader.peek() == JsonToken.NULL) {
                    throw bad(field.getJsonName() + " has a null value");
                }
                Message.Builder entry = builder.newBuilderForField(field);
                entry.setField(keyField, mapKey(key, keyField, field));
                entry.setField(valueField, single(reader, entry, valueField, field, depth + 1));
                builder.addRepeatedField(field, entry.build());
            }
            reader.endObject();
        } else if (field.isRepeated()) {
            expect(reader, JsonToken.BEGIN_ARRAY, field, "an array");
            depth(depth);
            reader.beginArray();
            while (reader.hasNext()) {
                if (reader.peek() == JsonToken.NULL) {
                    throw bad(field.getJsonName() + " has a null element");
                }
                builder.addRepeatedField(field, single(reader, builder, field, field, depth + 1));
            }
            reader.endArray();
        } else {
            builder.setField(field, single(reader, builder, field, field, depth));
        }
    }

    /**
     * One value of {@code field}'s type, as {@link Message.Builder#setField} takes it; {@code owner} is the builder
     * the field belongs to and {@code named} the field the message names.
     */
    private Object single(JsonReader reader, Message.Builder owner, FieldDescriptor field, FieldDescriptor named,
                          int depth) throws IOException {
        JsonToken token = reader.peek();
        return switch (field.getJavaType()) {
            case STRING -> {
                expect(reader, JsonToken.STRING, named, "a string");
                yield text(reader.nextString());
            }
            case BYTE_STRING -> {
                expect(reader, JsonToken.STRING, named, "a string");
                yield bytes(text(reader.nextString()), named);
            }
            case BOOLEAN -> {
                expect(reader, JsonToken.BOOLEAN, named, "true or false");
                yield reader.nextBoolean();
            }
            case INT, LONG, FLOAT, DOUBLE -> {
                if (token != JsonToken.NUMBER && token != JsonToken.STRING) {
                    throw bad(named.getJsonName() + " must be a number");
                }
                yield ProtoNumbers.of(field, number(reader, token), named);
            }
            case ENUM -> enumValue(reader, token, field, named);
            case MESSAGE -> {
                if (field.getMessageType().getFullName().startsWith("google.protobuf.")) {
                    throw new IllegalStateException(field.getFullName() + " is a well-known type, which the API's"
                            + " JSON codec does not read");
                }
                expect(reader, JsonToken.BEGIN_OBJECT, named, "an object");
                Message.Builder nested = owner.newBuilderForField(field);
                message(reader, nested, depth);
                yield nested.build();
            }
        };
    }

    private static EnumValueDescriptor enumValue(JsonReader reader, JsonToken token, FieldDescriptor field,
                                                 FieldDescriptor named) throws IOException {
        if (token == JsonToken.STRING) {
            EnumValueDescriptor value = field.getEnumType().findValueByName(reader.nextString());
            if (value == null) {
                throw bad(named.getJsonName() + " is not a value of " + field.getEnumType().getName());
            }
            return value;
        }
        if (token == JsonToken.NUMBER) {
            // JsonFormat drops a number that is no int32 to the default instead of refusing it.
            String text = reader.nextString();
            if (!isInt32(text)) {
                throw bad(named.getJsonName() + " is not a value of " + field.getEnumType().getName());
            }
            int number = Integer.parseInt(text);
            EnumValueDescriptor value = field.getEnumType().findValueByNumber(number);
            // An open (proto3) enum keeps a number it does not know, as the binary form does.
            return value != null || field.getEnumType().isClosed() ? requireKnown(value, field, named)
                    : field.getEnumType().findValueByNumberCreatingIfUnknown(number);
        }
        throw bad(named.getJsonName() + " must be an enum name or number");
    }

    private static EnumValueDescriptor requireKnown(EnumValueDescriptor value, FieldDescriptor field,
                                                    FieldDescriptor named) {
        if (value == null) {
            throw bad(named.getJsonName() + " is not a value of " + field.getEnumType().getName());
        }
        return value;
    }

    /** A map key, which JSON always writes as a string. */
    private static Object mapKey(String key, FieldDescriptor keyField, FieldDescriptor named) {
        return switch (keyField.getJavaType()) {
            case STRING -> key;
            case BOOLEAN -> switch (key) {
                case "true" -> true;
                case "false" -> false;
                default -> throw bad(named.getJsonName() + " has a key that is not true or false");
            };
            default -> ProtoNumbers.of(keyField, key, named);
        };
    }

    /** Standard base64, or the URL-safe alphabet, padded or not, as JsonFormat reads bytes. */
    private static ByteString bytes(String text, FieldDescriptor named) {
        try {
            return ByteString.copyFrom(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            try {
                return ByteString.copyFrom(Base64.getUrlDecoder().decode(text));
            } catch (IllegalArgumentException e2) {
                throw bad(named.getJsonName() + " is not base64");
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

    private static void expect(JsonReader reader, JsonToken token, FieldDescriptor field, String what) throws IOException {
        if (reader.peek() != token) {
            throw bad(field.getJsonName() + " must be " + what);
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

    private static FieldDescriptor field(Descriptor type, String name) {
        FieldDescriptor byName = type.findFieldByName(name);
        if (byName != null) {
            return byName;
        }
        for (FieldDescriptor f : type.getFields()) {
            if (f.getJsonName().equals(name)) {
                return f;
            }
        }
        return null;
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
