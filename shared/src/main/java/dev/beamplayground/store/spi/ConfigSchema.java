package dev.beamplayground.store.spi;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A backend's configuration schema (JSON Schema 2020-12) applied to its flat string configuration. It
 * implements the keywords a flat configuration needs — {@code type} (object, string), {@code properties},
 * {@code required}, {@code additionalProperties: false}, {@code pattern}, {@code minLength},
 * {@code maxLength}, {@code enum}, {@code const}, {@code not} — and refuses a schema using any other
 * keyword, so a check is never silently skipped. A general validator (with Jackson data binding under it)
 * cost every function about 600 classes at start; this reads the schema with Gson's streaming reader, a few
 * classes that the edge loads anyway (Jackson's streaming parser cost another 67). Messages are those of the
 * validator it replaces.
 */
final class ConfigSchema {
    /** Keywords that only annotate. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "title", "description",
            "default", "examples");
    private static final Set<String> OBJECT_KEYWORDS = Set.of("type", "properties", "required",
            "additionalProperties");
    private static final Set<String> VALUE_KEYWORDS = Set.of("type", "pattern", "minLength", "maxLength", "enum",
            "const", "not");
    private final Map<String, Object> root;

    private ConfigSchema(Map<String, Object> root) {
        this.root = root;
    }

    /** Parses a schema; an unreadable schema or an unsupported keyword is the provider's bug, thrown at once. */
    static ConfigSchema parse(String schema) {
        Object root;
        try (JsonReader reader = new JsonReader(new StringReader(schema))) {
            reader.setStrictness(Strictness.STRICT);
            root = read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("text after the schema");
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a JSON schema: " + e.getMessage(), e);
        }
        Map<String, Object> object = object(root, "the schema");
        checkKeywords(object, OBJECT_KEYWORDS, "the schema");
        if (object.containsKey("type") && !"object".equals(object.get("type"))) {
            throw new IllegalArgumentException("the schema must be of type object");
        }
        if (object.containsKey("additionalProperties") && !(object.get("additionalProperties") instanceof Boolean)) {
            throw new IllegalArgumentException("additionalProperties must be true or false");
        }
        object(object.getOrDefault("properties", Map.of()), "properties").forEach((name, property) -> {
            Map<String, Object> p = object(property, "property " + name);
            checkValueSchema(p, "property " + name);
        });
        for (Object required : list(object.getOrDefault("required", List.of()), "required")) {
            if (!(required instanceof String)) {
                throw new IllegalArgumentException("required must list property names");
            }
        }
        return new ConfigSchema(object);
    }

    /** Every violation, as {@code (property or null, message)} pairs; empty when the configuration is valid. */
    List<Violation> validate(Map<String, String> config) {
        List<Violation> violations = new ArrayList<>();
        Map<String, Object> properties = object(root.getOrDefault("properties", Map.of()), "properties");
        for (Object required : list(root.getOrDefault("required", List.of()), "required")) {
            if (!config.containsKey(required)) {
                violations.add(new Violation((String) required, "required property '" + required + "' not found"));
            }
        }
        for (Map.Entry<String, String> entry : config.entrySet()) {
            Object property = properties.get(entry.getKey());
            if (property == null) {
                if (Boolean.FALSE.equals(root.get("additionalProperties"))) {
                    violations.add(new Violation(entry.getKey(), "property '" + entry.getKey()
                            + "' is not defined in the schema and the schema does not allow additional properties"));
                }
                continue;
            }
            String problem = check(object(property, entry.getKey()), entry.getValue());
            if (problem != null) {
                violations.add(new Violation(entry.getKey(), problem));
            }
        }
        return violations;
    }

    /** One failed check: the property it concerns (null for the whole configuration) and why. */
    record Violation(String property, String message) {
    }

    /** The first failed check of one string value, or null. */
    private static String check(Map<String, Object> schema, String value) {
        Object type = schema.get("type");
        if (type != null && !"string".equals(type)) {
            return type + " found, string expected";
        }
        Object pattern = schema.get("pattern");
        if (pattern != null && !Pattern.compile((String) pattern).matcher(value).find()) {
            return "does not match the regex pattern " + pattern;
        }
        int length = value.codePointCount(0, value.length());
        Object min = schema.get("minLength");
        if (min != null && length < ((Number) min).intValue()) {
            return "must be at least " + min + " characters long";
        }
        Object max = schema.get("maxLength");
        if (max != null && length > ((Number) max).intValue()) {
            return "must be at most " + max + " characters long";
        }
        Object values = schema.get("enum");
        if (values != null && !((List<?>) values).contains(value)) {
            return "does not have a value in the enumeration " + values;
        }
        if (schema.containsKey("const") && !value.equals(schema.get("const"))) {
            return "must be the constant value '" + schema.get("const") + "'";
        }
        Object not = schema.get("not");
        if (not != null && check(object(not, "not"), value) == null) {
            return "must not be valid to the schema " + describe(not);
        }
        return null;
    }

    private static void checkValueSchema(Map<String, Object> schema, String where) {
        checkKeywords(schema, VALUE_KEYWORDS, where);
        Object type = schema.get("type");
        if (type != null && !(type instanceof String)) {
            throw new IllegalArgumentException(where + ": type must be one name");
        }
        if (schema.get("pattern") != null) {
            if (!(schema.get("pattern") instanceof String pattern)) {
                throw new IllegalArgumentException(where + ": pattern must be a string");
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + ": bad pattern " + pattern, e);
            }
        }
        for (String bound : List.of("minLength", "maxLength")) {
            if (schema.containsKey(bound) && !(schema.get(bound) instanceof Integer)) {
                throw new IllegalArgumentException(where + ": " + bound + " must be an integer");
            }
        }
        if (schema.containsKey("enum")) {
            list(schema.get("enum"), where + ": enum");
        }
        if (schema.containsKey("not")) {
            checkValueSchema(object(schema.get("not"), where + ": not"), where + ": not");
        }
    }

    private static void checkKeywords(Map<String, Object> schema, Set<String> allowed, String where) {
        for (String keyword : schema.keySet()) {
            if (!allowed.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw new IllegalArgumentException(where + ": keyword '" + keyword
                        + "' is not supported for backend configuration");
            }
        }
    }

    /** {"pattern":"^__.*__$"}, as the replaced validator printed a sub-schema. */
    private static String describe(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(describe(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(v -> items.add(describe(v)));
            return "[" + String.join(",", items) + "]";
        }
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(where + " must be a JSON object");
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(where + " must be a JSON array");
    }

    /** The next value: Map, List, String, Integer/Long/Double, Boolean or null. */
    private static Object read(JsonReader reader) throws IOException {
        JsonToken token = reader.peek();
        switch (token) {
            case BEGIN_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (object.put(name, read(reader)) != null) {
                        throw new IllegalArgumentException("duplicate key " + name);
                    }
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
                String number = reader.nextString();
                try {
                    long integral = Long.parseLong(number);
                    return integral == (int) integral ? (Object) (int) integral : (Object) integral;
                } catch (NumberFormatException notIntegral) {
                    return Double.parseDouble(number);
                }
            }
            case BOOLEAN -> {
                return reader.nextBoolean();
            }
            case NULL -> {
                reader.nextNull();
                return null;
            }
            case END_DOCUMENT -> throw new IllegalArgumentException("empty");
            default -> throw new IllegalArgumentException("unexpected " + token);
        }
    }
}
