package dev.beamplayground.store.datastore;

import com.google.cloud.Timestamp;
import com.google.cloud.datastore.Blob;
import com.google.cloud.datastore.BlobValue;
import com.google.cloud.datastore.BooleanValue;
import com.google.cloud.datastore.DoubleValue;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.EntityValue;
import com.google.cloud.datastore.FullEntity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.KeyFactory;
import com.google.cloud.datastore.KeyValue;
import com.google.cloud.datastore.ListValue;
import com.google.cloud.datastore.LongValue;
import com.google.cloud.datastore.NullValue;
import com.google.cloud.datastore.StringValue;
import com.google.cloud.datastore.TimestampValue;
import com.google.cloud.datastore.Value;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.snippet.Utf8;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.Field;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyBag;
import dev.beamplayground.versioning.PropertyValue;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entities as {@link VersionedObject}s and back, for every kind. The object version is the string
 * property {@code objVer} (absent = 1.0). Writing over a stored entity keeps the stored {@link Value} of
 * every property whose value did not change, so properties this code does not know keep their exact
 * type and index setting; Datastore's put replaces the whole entity, so nothing else would keep them.
 */
final class EntityObjects {
    private final String projectId;
    private final String namespace;
    private final String databaseId;
    private final Codecs codecs;
    private final Map<String, KeyFactory> keyFactories = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> unindexed = new ConcurrentHashMap<>();

    /** {@code databaseId} as the client takes it: "" for the project's default database. */
    EntityObjects(String projectId, String namespace, String databaseId, Codecs codecs) {
        this.projectId = projectId;
        this.namespace = namespace;
        this.databaseId = databaseId;
        this.codecs = codecs;
    }

    Codecs codecs() {
        return codecs;
    }

    Key key(String kind, String name) {
        return keyFactories.computeIfAbsent(kind, k -> new KeyFactory(projectId, namespace, databaseId).setKind(k))
                .newKey(name);
    }

    VersionedObject fromEntity(Entity e) {
        ObjectVersion version = ObjectVersion.INITIAL;
        PropertyBag.Builder b = PropertyBag.builder();
        for (Map.Entry<String, Value<?>> p : e.getProperties().entrySet()) {
            if (p.getKey().equals(VersionedObject.VERSION_PROPERTY)) {
                try {
                    version = ObjectVersion.parse(e.getString(p.getKey()));
                } catch (RuntimeException ex) {
                    throw new InternalException("a stored " + e.getKey().getKind() + " has a malformed object version",
                            ex);
                }
            } else {
                b.put(p.getKey(), toProperty(p.getValue()));
            }
        }
        String name = e.getKey().getName() != null ? e.getKey().getName() : String.valueOf(e.getKey().getId());
        return new VersionedObject(e.getKey().getKind(), name, version, b.build());
    }

    /** The entity of {@code o}; over {@code stored} (may be null), unchanged properties keep their stored values. */
    Entity toEntity(VersionedObject o, Entity stored) {
        Set<String> noIndex = unindexed(o.kind());
        Entity.Builder b = Entity.newBuilder(key(o.kind(), o.key()));
        for (Map.Entry<String, PropertyValue> p : o.properties().asMap().entrySet()) {
            String name = p.getKey();
            if (stored != null && stored.contains(name) && toProperty(stored.getValue(name)).equals(p.getValue())) {
                b.set(name, (Value<?>) stored.getValue(name));
            } else {
                b.set(name, toValue(p.getValue(), name, noIndex));
            }
        }
        b.set(VersionedObject.VERSION_PROPERTY, o.version().toString());
        return b.build();
    }

    /** Property paths ({@code name} or {@code name.part}) the kind's codec says are not indexed. */
    private Set<String> unindexed(String kind) {
        return unindexed.computeIfAbsent(kind, k -> {
            Set<String> paths = new HashSet<>();
            codecs.forKind(k).ifPresent(codec -> {
                for (Field f : codec.fields()) {
                    if (!f.indexed()) {
                        paths.add(f.name());
                    }
                    for (Field part : f.parts()) {
                        if (!part.indexed()) {
                            paths.add(f.name() + "." + part.name());
                        }
                    }
                }
            });
            return Set.copyOf(paths);
        });
    }

    private Value<?> toValue(PropertyValue v, String path, Set<String> noIndex) {
        boolean exclude = noIndex.contains(path);
        if (v instanceof PropertyValue.Text t) {
            return StringValue.newBuilder(t.value())
                    .setExcludeFromIndexes(exclude || Utf8.length(t.value()) > DatastoreLimits.MAX_INDEXED_BYTES)
                    .build();
        } else if (v instanceof PropertyValue.Int i) {
            return LongValue.newBuilder(i.value()).setExcludeFromIndexes(exclude).build();
        } else if (v instanceof PropertyValue.Real r) {
            return DoubleValue.newBuilder(r.value()).setExcludeFromIndexes(exclude).build();
        } else if (v instanceof PropertyValue.Bool b) {
            return BooleanValue.newBuilder(b.value()).setExcludeFromIndexes(exclude).build();
        } else if (v instanceof PropertyValue.Time t) {
            Instant i = t.value();
            return TimestampValue.newBuilder(Timestamp.ofTimeSecondsAndNanos(i.getEpochSecond(), i.getNano()))
                    .setExcludeFromIndexes(exclude).build();
        } else if (v instanceof PropertyValue.Bytes b) {
            return BlobValue.newBuilder(Blob.copyFrom(b.value())).setExcludeFromIndexes(exclude || b.value().length
                    > DatastoreLimits.MAX_INDEXED_BYTES).build();
        } else if (v instanceof PropertyValue.Ref r) {
            return KeyValue.newBuilder(key(r.kind(), r.name())).setExcludeFromIndexes(exclude).build();
        } else if (v instanceof PropertyValue.Items l) {
            // Index flags go on the elements: Datastore refuses them on a list value.
            List<Value<?>> values = new ArrayList<>(l.values().size());
            for (PropertyValue item : l.values()) {
                values.add(toValue(item, path, noIndex));
            }
            return ListValue.of(values);
        } else if (v instanceof PropertyValue.Nested n) {
            FullEntity.Builder<?> e = FullEntity.newBuilder();
            n.properties().asMap().forEach((name, value) -> e.set(name, toValue(value, path + "." + name, noIndex)));
            return EntityValue.newBuilder(e.build()).setExcludeFromIndexes(exclude).build();
        }
        return NullValue.newBuilder().setExcludeFromIndexes(exclude).build();
    }

    /** A stored value as a property. Types Beam never writes (geo points, raw values) become their text. */
    private static PropertyValue toProperty(Value<?> v) {
        return switch (v.getType()) {
            case NULL -> PropertyValue.Null.INSTANCE;
            case STRING -> new PropertyValue.Text(((StringValue) v).get());
            case LONG -> new PropertyValue.Int(((LongValue) v).get());
            case DOUBLE -> new PropertyValue.Real(((DoubleValue) v).get());
            case BOOLEAN -> new PropertyValue.Bool(((BooleanValue) v).get());
            case TIMESTAMP -> {
                Timestamp t = ((TimestampValue) v).get();
                yield new PropertyValue.Time(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()));
            }
            case BLOB -> new PropertyValue.Bytes(((BlobValue) v).get().toByteArray());
            case KEY -> {
                Key k = ((KeyValue) v).get();
                yield new PropertyValue.Ref(k.getKind(), k.getName() != null ? k.getName() : String.valueOf(k.getId()));
            }
            case LIST -> {
                List<PropertyValue> items = new ArrayList<>();
                for (Value<?> item : ((ListValue) v).get()) {
                    items.add(toProperty(item));
                }
                yield new PropertyValue.Items(items);
            }
            case ENTITY -> {
                FullEntity<?> e = ((EntityValue) v).get();
                PropertyBag.Builder b = PropertyBag.builder();
                e.getProperties().forEach((name, value) -> b.put(name, toProperty(value)));
                yield new PropertyValue.Nested(b.build());
            }
            default -> new PropertyValue.Text(String.valueOf(v.get()));
        };
    }
}
