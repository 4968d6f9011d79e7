package dev.beamplayground.connect.schema;

import java.util.Map;

/** An enum of the API: its values by name and by number. */
public final class EnumSchema {
    private final String fullName;
    private final boolean closed;
    private final Map<String, Integer> numbers;
    private final Map<Integer, String> names;

    EnumSchema(String fullName, boolean closed, Map<String, Integer> numbers, Map<Integer, String> names) {
        this.fullName = fullName;
        this.closed = closed;
        this.numbers = Map.copyOf(numbers);
        this.names = Map.copyOf(names);
    }

    public String fullName() {
        return fullName;
    }

    /** The name without its package, as error messages give it. */
    public String name() {
        return fullName.substring(fullName.lastIndexOf('.') + 1);
    }

    /** A closed enum (proto2) refuses numbers it does not know; an open one (proto3) keeps them. */
    public boolean closed() {
        return closed;
    }

    /** The number of the value named {@code name}, or null. */
    public Integer number(String name) {
        return numbers.get(name);
    }

    /** The name of the value numbered {@code number}, or null. */
    public String name(int number) {
        return names.get(number);
    }
}
