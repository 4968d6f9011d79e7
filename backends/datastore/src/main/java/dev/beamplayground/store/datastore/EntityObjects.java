package dev.beamplayground.store.datastore;

import com.google.protobuf.ByteString;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.snippet.Utf8;
import dev.beamplayground.store.datastore.wire.ArrayValue;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.NullValue;
import dev.beamplayground.store.datastore.wire.PartitionId;
import dev.beamplayground.store.datastore.wire.Value;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.Field;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyBag;
import dev.beamplayground.versioning.PropertyValue;
import dev.beamplayground.versioning.VersionedObject;
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
    private final PartitionId partition;
    private final Codecs codecs;
    private final Map<String, Set<String>> unindexed = new ConcurrentHashMap<>();

    /** {@code databaseId} as keys hold it: "" for the project's default database. */
    EntityObjects(String projectId, String namespace, String databaseId, Codecs codecs) {
        this.partition = PartitionId.newBuilder().setProjectId(projectId).setNamespaceId(namespace)
                .setDatabaseId(databaseId).build();
        this.codecs = codecs;
    }

    Codecs codecs() {
        return codecs;
    }

    Key key(String kind, String name) {
        return Key.newBuilder().setPartitionId(partition)
                .addPath(Key.PathElement.newBuilder().setKind(kind).setName(name)).build();
    }

    VersionedObject fromEntity(Entity e) {
        ObjectVersion version = ObjectVersion.INITIAL;
        PropertyBag.Builder b = PropertyBag.builder();
        for (Map.Entry<String, Value> p : EntityProperties.of(e).entrySet()) {
            if (p.getKey().equals(VersionedObject.VERSION_PROPERTY)) {
                try {
                    if (p.getValue().getValueTypeCase() != Value.ValueTypeCase.STRING_VALUE) {
                        throw new IllegalArgumentException("not a string");
                    }
                    version = ObjectVersion.parse(p.getValue().getStringValue());
                } catch (RuntimeException ex) {
                    throw new InternalException("a stored " + Keys.kind(e.getKey()) + " has a malformed object version",
                            ex);
                }
            } else {
                b.put(p.getKey(), toProperty(p.getValue()));
            }
        }
        return new VersionedObject(Keys.kind(e.getKey()), Keys.name(e.getKey()), version, b.build());
    }

    /** The entity of {@code o}; over {@code stored} (may be null), unchanged properties keep their stored values. */
    Entity toEntity(VersionedObject o, Entity stored) {
        Set<String> noIndex = unindexed(o.kind());
        Entity.Builder b = Entity.newBuilder().setKey(key(o.kind(), o.key()));
        Map<String, Value> storedProperties = stored == null ? Map.of() : EntityProperties.of(stored);
        for (Map.Entry<String, PropertyValue> p : o.properties().asMap().entrySet()) {
            String name = p.getKey();
            Value old = storedProperties.get(name);
            if (old != null && toProperty(old).equals(p.getValue())) {
                EntityProperties.put(b, name, old);
            } else {
                EntityProperties.put(b, name, toValue(p.getValue(), name, noIndex));
            }
        }
        EntityProperties.put(b, VersionedObject.VERSION_PROPERTY, Values.text(o.version().toString()));
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

    private Value toValue(PropertyValue v, String path, Set<String> noIndex) {
        boolean exclude = noIndex.contains(path);
        Value.Builder b = Value.newBuilder();
        if (v instanceof PropertyValue.Text t) {
            b.setStringValue(t.value()).setExcludeFromIndexes(exclude
                    || Utf8.length(t.value()) > DatastoreLimits.MAX_INDEXED_BYTES);
        } else if (v instanceof PropertyValue.Int i) {
            b.setIntegerValue(i.value()).setExcludeFromIndexes(exclude);
        } else if (v instanceof PropertyValue.Real r) {
            b.setDoubleValue(r.value()).setExcludeFromIndexes(exclude);
        } else if (v instanceof PropertyValue.Bool bool) {
            b.setBooleanValue(bool.value()).setExcludeFromIndexes(exclude);
        } else if (v instanceof PropertyValue.Time t) {
            b.setTimestampValue(Values.timestamp(t.value())).setExcludeFromIndexes(exclude);
        } else if (v instanceof PropertyValue.Bytes bytes) {
            b.setBlobValue(ByteString.copyFrom(bytes.value())).setExcludeFromIndexes(exclude
                    || bytes.value().length > DatastoreLimits.MAX_INDEXED_BYTES);
        } else if (v instanceof PropertyValue.Ref r) {
            b.setKeyValue(key(r.kind(), r.name())).setExcludeFromIndexes(exclude);
        } else if (v instanceof PropertyValue.Items l) {
            // Index flags go on the elements: Datastore refuses them on a list value.
            ArrayValue.Builder values = ArrayValue.newBuilder();
            for (PropertyValue item : l.values()) {
                values.addValues(toValue(item, path, noIndex));
            }
            b.setArrayValue(values);
        } else if (v instanceof PropertyValue.Nested n) {
            Entity.Builder e = Entity.newBuilder();
            n.properties().asMap().forEach((name, value) -> EntityProperties.put(e, name,
                    toValue(value, path + "." + name, noIndex)));
            b.setEntityValue(e).setExcludeFromIndexes(exclude);
        } else {
            b.setNullValue(NullValue.NULL_VALUE).setExcludeFromIndexes(exclude);
        }
        return b.build();
    }

    /** A stored value as a property. Types Beam never writes (geo points) become their text. */
    private static PropertyValue toProperty(Value v) {
        return switch (v.getValueTypeCase()) {
            case STRING_VALUE -> new PropertyValue.Text(v.getStringValue());
            case INTEGER_VALUE -> new PropertyValue.Int(v.getIntegerValue());
            case DOUBLE_VALUE -> new PropertyValue.Real(v.getDoubleValue());
            case BOOLEAN_VALUE -> new PropertyValue.Bool(v.getBooleanValue());
            case TIMESTAMP_VALUE -> new PropertyValue.Time(Values.instant(v.getTimestampValue()));
            case BLOB_VALUE -> new PropertyValue.Bytes(v.getBlobValue().toByteArray());
            case KEY_VALUE -> new PropertyValue.Ref(Keys.kind(v.getKeyValue()), Keys.name(v.getKeyValue()));
            case ARRAY_VALUE -> {
                List<PropertyValue> items = new ArrayList<>();
                for (Value item : v.getArrayValue().getValuesList()) {
                    items.add(toProperty(item));
                }
                yield new PropertyValue.Items(items);
            }
            case ENTITY_VALUE -> {
                PropertyBag.Builder b = PropertyBag.builder();
                EntityProperties.of(v.getEntityValue()).forEach((name, value) -> b.put(name, toProperty(value)));
                yield new PropertyValue.Nested(b.build());
            }
            case GEO_POINT_VALUE -> new PropertyValue.Text(v.getGeoPointValue().getLatitude() + ","
                    + v.getGeoPointValue().getLongitude());
            default -> PropertyValue.Null.INSTANCE;
        };
    }
}
