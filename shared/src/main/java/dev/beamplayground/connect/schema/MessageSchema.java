package dev.beamplayground.connect.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One message type of the API: its fields in the order api.proto declares them. */
public final class MessageSchema {
    private final String fullName;
    private final String javaClass;
    private final boolean mapEntry;
    private final List<FieldSchema> fields;
    private final Map<Integer, FieldSchema> byNumber = new HashMap<>();
    private final Map<String, FieldSchema> byName = new HashMap<>();
    private final Map<String, FieldSchema> byJsonName = new HashMap<>();

    MessageSchema(String fullName, String javaClass, boolean mapEntry, List<FieldSchema> fields) {
        this.fullName = fullName;
        this.javaClass = javaClass;
        this.mapEntry = mapEntry;
        this.fields = List.copyOf(fields);
        for (int i = 0; i < this.fields.size(); i++) {
            FieldSchema f = this.fields.get(i);
            f.placeAt(i);
            byNumber.put(f.number(), f);
            byName.put(f.name(), f);
            byJsonName.putIfAbsent(f.jsonName(), f);
        }
    }

    public String fullName() {
        return fullName;
    }

    /** The name without its package or enclosing messages, as error messages give it. */
    public String name() {
        return fullName.substring(fullName.lastIndexOf('.') + 1);
    }

    /** The generated class's binary name; null for a map entry, which has none. */
    public String javaClass() {
        return javaClass;
    }

    public boolean mapEntry() {
        return mapEntry;
    }

    /** In declaration order, which is the order proto3 JSON prints them in. */
    public List<FieldSchema> fields() {
        return fields;
    }

    /** The field numbered {@code number}, or null. */
    public FieldSchema field(int number) {
        return byNumber.get(number);
    }

    /** The field of the proto name {@code name}, else of the JSON name, as JsonFormat looks them up; or null. */
    public FieldSchema fieldNamed(String name) {
        FieldSchema f = byName.get(name);
        return f != null ? f : byJsonName.get(name);
    }
}
