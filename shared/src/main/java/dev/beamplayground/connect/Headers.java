package dev.beamplayground.connect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** HTTP headers with case-insensitive names, in the order they were added; no framework types. */
public final class Headers {
    private final Map<String, List<String>> values = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> order = new ArrayList<>();

    public static Headers of(Map<String, List<String>> headers) {
        Headers h = new Headers();
        headers.forEach((name, list) -> list.forEach(v -> h.add(name, v)));
        return h;
    }

    public Headers add(String name, String value) {
        List<String> list = values.get(name);
        if (list == null) {
            list = new ArrayList<>(1);
            values.put(name, list);
            order.add(name);
        }
        list.add(value);
        return this;
    }

    /** Replaces every value of {@code name}. */
    public Headers set(String name, String value) {
        List<String> list = values.get(name);
        if (list == null) {
            return add(name, value);
        }
        list.clear();
        list.add(value);
        return this;
    }

    /** The first value, or null. */
    public String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    public List<String> all(String name) {
        List<String> list = values.get(name);
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** Every (name, value) pair, names as first added. */
    public void forEach(BiConsumer<String, String> action) {
        for (String name : order) {
            for (String value : values.get(name)) {
                action.accept(name, value);
            }
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
