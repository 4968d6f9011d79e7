package dev.beamplayground.versioning;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The properties of one stored object, by name, in name order. It holds every property that was read,
 * also those the reading code does not know, so a read-change-write keeps them. Immutable.
 */
public final class PropertyBag {
    public static final PropertyBag EMPTY = new PropertyBag(new TreeMap<>());

    private final SortedMap<String, PropertyValue> properties;

    private PropertyBag(SortedMap<String, PropertyValue> properties) {
        this.properties = Collections.unmodifiableSortedMap(properties);
    }

    public static PropertyBag of(Map<String, ? extends PropertyValue> properties) {
        TreeMap<String, PropertyValue> copy = new TreeMap<>();
        properties.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(value, "value of " + name)));
        return new PropertyBag(copy);
    }

    public static Builder builder() {
        return new Builder(new TreeMap<>());
    }

    public Builder toBuilder() {
        return new Builder(new TreeMap<>(properties));
    }

    public SortedMap<String, PropertyValue> asMap() {
        return properties;
    }

    public Set<String> names() {
        return properties.keySet();
    }

    public boolean has(String name) {
        return properties.containsKey(name);
    }

    public Optional<PropertyValue> get(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    public PropertyBag with(String name, PropertyValue value) {
        return toBuilder().put(name, value).build();
    }

    public PropertyBag without(String name) {
        return toBuilder().remove(name).build();
    }

    /** The text of a TEXT property; {@code absent} when missing or of another type. */
    public String text(String name, String absent) {
        return properties.get(name) instanceof PropertyValue.Text t ? t.value() : absent;
    }

    public long integer(String name, long absent) {
        return properties.get(name) instanceof PropertyValue.Int i ? i.value() : absent;
    }

    public boolean bool(String name, boolean absent) {
        return properties.get(name) instanceof PropertyValue.Bool b ? b.value() : absent;
    }

    public Instant time(String name, Instant absent) {
        return properties.get(name) instanceof PropertyValue.Time t ? t.value() : absent;
    }

    /** The key name of a REF property; {@code absent} when missing or of another type. */
    public String refName(String name, String absent) {
        return properties.get(name) instanceof PropertyValue.Ref r ? r.name() : absent;
    }

    public List<PropertyValue> list(String name) {
        return properties.get(name) instanceof PropertyValue.Items l ? l.values() : List.of();
    }

    /** The texts of a LIST property, skipping elements of other types. */
    public List<String> texts(String name) {
        return list(name).stream()
                .filter(PropertyValue.Text.class::isInstance)
                .map(v -> ((PropertyValue.Text) v).value())
                .toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyBag b && properties.equals(b.properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        return properties.toString();
    }

    /** Collects properties; a later put of a name replaces the earlier one. */
    public static final class Builder {
        private final TreeMap<String, PropertyValue> properties;

        private Builder(TreeMap<String, PropertyValue> properties) {
            this.properties = properties;
        }

        public Builder put(String name, PropertyValue value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        public Builder text(String name, String value) {
            return put(name, new PropertyValue.Text(value));
        }

        public Builder integer(String name, long value) {
            return put(name, new PropertyValue.Int(value));
        }

        public Builder bool(String name, boolean value) {
            return put(name, new PropertyValue.Bool(value));
        }

        public Builder time(String name, Instant value) {
            return put(name, new PropertyValue.Time(value));
        }

        public Builder ref(String name, String kind, String keyName) {
            return put(name, new PropertyValue.Ref(kind, keyName));
        }

        public Builder texts(String name, List<String> values) {
            return put(name, new PropertyValue.Items(values.stream()
                    .<PropertyValue>map(PropertyValue.Text::new).toList()));
        }

        public Builder remove(String name) {
            properties.remove(name);
            return this;
        }

        public PropertyBag build() {
            return new PropertyBag(new TreeMap<>(properties));
        }
    }
}
