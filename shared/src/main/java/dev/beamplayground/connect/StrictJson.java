package dev.beamplayground.connect;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.logging.Printable;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks proto3 JSON needs that {@code JsonFormat} does not make: it reads JSON leniently (comments,
 * NaN, single quotes, unquoted names, trailing data), takes a number or boolean for a string field, lets
 * a repeated key win silently and drops an enum name it does not know to the default. Here the body must
 * be one strict RFC 8259 object, with no repeated member, no unpaired surrogate in a string, and each known
 * field of the JSON type its proto3 mapping allows (null for any; unknown fields are skipped, as Connect
 * servers do, after the same syntax checks).
 */
final class StrictJson {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,10})");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final int maxDepth;

    StrictJson(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** @throws InvalidArgumentException naming the first problem; it quotes nothing of the request */
    void check(String json, Descriptor type) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw bad("the request body must be a JSON object");
            }
            message(reader, type, 1);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw bad("the request body holds more than one JSON value");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw bad("the request body is not valid JSON: " + where(e.getMessage()));
        }
    }

    private void message(JsonReader reader, Descriptor type, int depth) throws IOException {
        depth(depth);
        reader.beginObject();
        Set<String> names = new HashSet<>();
        Set<FieldDescriptor> fields = new HashSet<>();
        while (reader.hasNext()) {
            String name = name(reader, names);
            FieldDescriptor field = type == null ? null : field(type, name);
            if (field == null) {
                any(reader, depth + 1);
            } else if (!fields.add(field)) {
                throw bad(field.getJsonName() + " is given twice");
            } else {
                value(reader, field, depth + 1);
            }
        }
        reader.endObject();
    }

    private void value(JsonReader reader, FieldDescriptor field, int depth) throws IOException {
        if (reader.peek() == JsonToken.NULL) {
            reader.nextNull();
            return;
        }
        if (field.isMapField()) {
            expect(reader, JsonToken.BEGIN_OBJECT, field, "an object");
            depth(depth);
            FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
            Set<String> keys = new HashSet<>();
            reader.beginObject();
            while (reader.hasNext()) {
                name(reader, keys);
                if (reader.peek() == JsonToken.NULL) {
                    throw bad(field.getJsonName() + " has a null value");
                }
                single(reader, valueField, field, depth + 1);
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
                single(reader, field, field, depth + 1);
            }
            reader.endArray();
        } else {
            single(reader, field, field, depth);
        }
    }

    /** One value of {@code field}'s type; {@code named} is the field the message names. */
    private void single(JsonReader reader, FieldDescriptor field, FieldDescriptor named, int depth) throws IOException {
        JsonToken token = reader.peek();
        switch (field.getJavaType()) {
            case STRING, BYTE_STRING -> {
                expect(reader, JsonToken.STRING, named, "a string");
                text(reader.nextString());
            }
            case BOOLEAN -> {
                expect(reader, JsonToken.BOOLEAN, named, "true or false");
                reader.nextBoolean();
            }
            case INT, LONG, FLOAT, DOUBLE -> {
                if (token != JsonToken.NUMBER && token != JsonToken.STRING) {
                    throw bad(named.getJsonName() + " must be a number");
                }
                number(reader, token);
            }
            case ENUM -> {
                if (token == JsonToken.STRING) {
                    if (field.getEnumType().findValueByName(reader.nextString()) == null) {
                        throw bad(named.getJsonName() + " is not a value of " + field.getEnumType().getName());
                    }
                } else if (token == JsonToken.NUMBER) {
                    // JsonFormat drops a number that is no int32 to the default instead of refusing it.
                    if (!isInt32(reader.nextString())) {
                        throw bad(named.getJsonName() + " is not a value of " + field.getEnumType().getName());
                    }
                } else {
                    throw bad(named.getJsonName() + " must be an enum name or number");
                }
            }
            case MESSAGE -> {
                if (field.getMessageType().getFullName().startsWith("google.protobuf.")) {
                    any(reader, depth); // well-known types have JSON forms of their own; JsonFormat checks them
                } else {
                    expect(reader, JsonToken.BEGIN_OBJECT, named, "an object");
                    message(reader, field.getMessageType(), depth);
                }
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

    private static void number(JsonReader reader, JsonToken token) throws IOException {
        String text = reader.nextString();
        if (token == JsonToken.NUMBER && !NUMBER.matcher(text).matches()) {
            throw bad("the request body is not valid JSON: a malformed number");
        }
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
    private static void text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad("a string of the request holds an unpaired surrogate (\\u" + Integer.toHexString(c) + ")");
            }
        }
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

    private static InvalidArgumentException bad(String message) {
        return new InvalidArgumentException(message);
    }
}
