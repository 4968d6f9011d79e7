package dev.beamplayground.versioning;

import dev.beamplayground.domain.SchemaVersion;
import java.util.List;

/** {@code pg_schema_versions}: an applied migration, keyed by its version string. */
public final class SchemaVersionCodec extends ObjectCodec<SchemaVersion> {
    // 1.0: Beam Playground's pg_schema_versions
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 0);
    public static final String DESCR = "descr";

    private static final List<Field> FIELDS = List.of(Field.text(DESCR).unindexed());

    public SchemaVersionCodec() {
        super(SchemaVersion.KIND, VERSION, null, FIELDS);
    }

    public VersionedObject write(SchemaVersion value, ObjectVersion target) {
        return write(value.version(), value, target);
    }

    @Override
    protected PropertyBag encode(SchemaVersion value) {
        return PropertyBag.builder().text(DESCR, value.description()).build();
    }

    @Override
    protected SchemaVersion decode(String key, PropertyBag p) {
        return new SchemaVersion(key, p.text(DESCR, ""));
    }
}
