package dev.beamplayground.edge;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an event's data read into plain values, as Gson's {@code JsonParser} reads it (leniently, the last of
 * equal keys counting, one value and nothing after it), with Gson's streaming reader only: its tree model loads
 * some 55 classes more (its type adapters), at every event function's first event.
 *
 * <p>Values: an object is a {@code Map<String, Object>} in the order of its keys, an array a {@code List}, a string a
 * {@code String}, a boolean a {@code Boolean}, a number a {@link NumberText}, its text as written, null {@link #NULL}.
 */
public final class EventJson {
    /** JSON's null, told apart from a key that is not there. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A number, kept as it was written (as Gson's tree model gives it as text). */
    public record NumberText(String text) {
    }

    private EventJson() {
    }

    /** @throws IllegalArgumentException when {@code utf8} is not one JSON value */
    public static Object parse(byte[] utf8) {
        try (JsonReader reader = new JsonReader(new StringReader(new String(utf8, StandardCharsets.UTF_8)))) {
            reader.setStrictness(Strictness.LENIENT);
            Object value = read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return value;
        } catch (IOException | IllegalStateException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The text of a string, number or boolean, as Gson's {@code getAsString} gives it.
     *
     * @throws IllegalArgumentException for null, an object or an array
     */
    public static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof NumberText n) {
            return n.text();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        throw new IllegalArgumentException("not a string, number or boolean");
    }

    private static Object read(JsonReader reader) throws IOException {
        switch (reader.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    object.put(name, read(reader)); // the last of equal keys counts, in the first one's place
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY -> {
                List<Object> array = new ArrayList<>();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(read(reader));
                }
                reader.endArray();
                return array;
            }
            case STRING -> {
                return reader.nextString();
            }
            case NUMBER -> {
                return new NumberText(reader.nextString());
            }
            case BOOLEAN -> {
                return reader.nextBoolean();
            }
            case NULL -> {
                reader.nextNull();
                return NULL;
            }
            default -> throw new IllegalArgumentException("no JSON value at " + reader.getPath());
        }
    }
}
