package dev.beamplayground.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.migration.MigrationProgress;
import dev.beamplayground.versioning.InstanceCodec;
import dev.beamplayground.store.CatalogVersionObject;
import dev.beamplayground.versioning.DatasetCodec;
import dev.beamplayground.versioning.ExampleCodec;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PrecompiledObjectCodec;
import dev.beamplayground.versioning.PropertyBag;
import dev.beamplayground.versioning.PropertyValue;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import dev.beamplayground.versioning.VersionedObjectFormat;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rows as {@link VersionedObject}s. A table has a column per property it knows (named like the
 * property), {@code objVer} for the object version and {@code extra}, the serialized properties no
 * column holds (written by newer code, or a value of another type than its column's). So a property
 * this code does not know survives a read-change-write, and the columns stay queryable.
 */
final class SqliteObjects {
    static final String VERSION_COLUMN = VersionedObject.VERSION_PROPERTY;
    static final String EXTRA_COLUMN = "extra";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a column holds a property value. */
    enum ColumnType { TEXT, LONG, BOOL, TIME_MILLIS, REF, TEXTS_JSON, DATASETS_JSON }

    /**
     * @param name     column and property name
     * @param type     storage
     * @param refKind  the kind a REF column refers to
     * @param empty    what the column holds when the property is absent (its SQL default)
     */
    record Column(String name, ColumnType type, String refKind, Object empty) {
    }

    /** A table of one kind; {@code id} is the key name. */
    record Table(String kind, List<Column> columns) {
        String columnList() {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }
    }

    private static Column col(String name, ColumnType type, Object empty) {
        return new Column(name, type, "", empty);
    }

    private static Column ref(String name, String kind) {
        return new Column(name, ColumnType.REF, kind, "");
    }

    /** A nullable column: an absent property stays absent. */
    private static Column nullable(String name, ColumnType type) {
        return new Column(name, type, "", null);
    }

    static final Table SNIPPETS = new Table(Snippet.KIND, List.of(
            col("ownerId", ColumnType.TEXT, ""), ref("sdk", Sdk.KIND), col("pipeOpts", ColumnType.TEXT, ""),
            col("created", ColumnType.TIME_MILLIS, 0L), col("lVisited", ColumnType.TIME_MILLIS, 0L),
            col("origin", ColumnType.TEXT, ""), col("visitCount", ColumnType.LONG, 0L),
            ref("schVer", SchemaVersion.KIND), col("numberOfFiles", ColumnType.LONG, 0L),
            col("complexity", ColumnType.TEXT, ""), col("persistenceKey", ColumnType.TEXT, ""),
            col("datasets", ColumnType.DATASETS_JSON, "[]")));
    static final Table FILES = new Table(Snippet.FILE_KIND, List.of(
            col("name", ColumnType.TEXT, ""), col("content", ColumnType.TEXT, ""),
            col("cntxLine", ColumnType.LONG, 0L), col("isMain", ColumnType.BOOL, 0L)));
    static final Table SDKS = new Table(Sdk.KIND, List.of(col("defaultExample", ColumnType.TEXT, "")));
    static final Table SCHEMA_VERSIONS = new Table(SchemaVersion.KIND, List.of(col("descr", ColumnType.TEXT, "")));
    // tags and cats are JSON arrays; the optional properties have nullable columns.
    static final Table EXAMPLES = new Table(Example.KIND, List.of(
            col(ExampleCodec.NAME, ColumnType.TEXT, ""), ref(ExampleCodec.SDK, Sdk.KIND),
            nullable(ExampleCodec.DESCR, ColumnType.TEXT), nullable(ExampleCodec.TAGS, ColumnType.TEXTS_JSON),
            nullable(ExampleCodec.CATS, ColumnType.TEXTS_JSON), nullable(ExampleCodec.PATH, ColumnType.TEXT),
            nullable(ExampleCodec.TYPE, ColumnType.TEXT), nullable(ExampleCodec.ORIGIN, ColumnType.TEXT),
            new Column(ExampleCodec.SCH_VER, ColumnType.REF, SchemaVersion.KIND, null),
            nullable(ExampleCodec.URL_VCS, ColumnType.TEXT), nullable(ExampleCodec.URL_NOTEBOOK, ColumnType.TEXT),
            col(ExampleCodec.ALWAYS_RUN, ColumnType.BOOL, 0L), col(ExampleCodec.NEVER_RUN, ColumnType.BOOL, 0L)));
    static final Table DATASETS = new Table(Dataset.KIND, List.of(col(DatasetCodec.PATH, ColumnType.TEXT, "")));
    static final Table PC_OBJECTS = new Table(PrecompiledObject.ENTITY_KIND,
            List.of(col(PrecompiledObjectCodec.CONTENT, ColumnType.TEXT, "")));
    static final Table CATALOG = new Table(CatalogVersionObject.KIND, List.of(
            col(CatalogVersionObject.VERSION, ColumnType.LONG, 0L),
            col(CatalogVersionObject.LOADED, ColumnType.TIME_MILLIS, 0L)));
    static final Table INSTANCES = new Table(InstanceEntry.KIND, List.of(
            col(InstanceCodec.RELEASE, ColumnType.TEXT, ""), col(InstanceCodec.STARTED, ColumnType.TIME_MILLIS, 0L),
            col(InstanceCodec.BEAT, ColumnType.TIME_MILLIS, 0L)));
    static final Table PROGRESS = new Table(MigrationProgress.KIND, List.of(
            col(MigrationProgress.CURSOR, ColumnType.TEXT, ""), col(MigrationProgress.FOUND, ColumnType.LONG, 0L),
            col(MigrationProgress.DONE, ColumnType.LONG, 0L), col(MigrationProgress.UPDATED, ColumnType.TIME_MILLIS, 0L)));

    static final Map<String, Table> TABLES = Stream.of(SNIPPETS, FILES, SDKS, SCHEMA_VERSIONS, PROGRESS, EXAMPLES,
            DATASETS, PC_OBJECTS, CATALOG, INSTANCES).collect(Collectors.toUnmodifiableMap(Table::kind, t -> t));

    private SqliteObjects() {
    }

    static Table table(String kind) {
        Table t = TABLES.get(kind);
        if (t == null) {
            throw new IllegalArgumentException("the sqlite backend keeps no versioned objects of kind " + kind);
        }
        return t;
    }

    static Optional<VersionedObject> read(Connection c, String kind, String key) throws SQLException {
        Table t = table(kind);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + t.columnList() + ", " + VERSION_COLUMN + ", "
                + EXTRA_COLUMN + " FROM " + t.kind() + " WHERE id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(fromRow(t, key, rs)) : Optional.empty();
            }
        }
    }

    /** Rows of the given keys, by key; absent keys are missing from the map. */
    static Map<String, VersionedObject> readAll(Connection c, String kind, List<String> keys) throws SQLException {
        Table t = table(kind);
        Map<String, VersionedObject> out = new java.util.HashMap<>();
        for (List<String> chunk : SqliteSql.chunks(keys)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, " + t.columnList() + ", " + VERSION_COLUMN
                    + ", " + EXTRA_COLUMN + " FROM " + t.kind() + " WHERE id IN ("
                    + SqliteSql.placeholders(chunk.size()) + ")")) {
                SqliteSql.bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString("id");
                        out.put(id, fromRow(t, id, rs));
                    }
                }
            }
        }
        return out;
    }

    /** Rows of {@code kind} whose {@code column} (one of the table's) equals {@code value}. */
    static List<VersionedObject> readWhere(Connection c, String kind, String column, String value) throws SQLException {
        Table t = table(kind);
        if (t.columns().stream().noneMatch(col -> col.name().equals(column))) {
            throw new IllegalArgumentException(kind + " has no column " + column);
        }
        List<VersionedObject> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, " + t.columnList() + ", " + VERSION_COLUMN + ", "
                + EXTRA_COLUMN + " FROM " + t.kind() + " WHERE " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(fromRow(t, rs.getString("id"), rs));
                }
            }
        }
        return out;
    }

    /** Writes the row of {@code o}: an {@code UPDATE} of the stored row, else an insert. */
    static void put(Connection c, VersionedObject o) throws SQLException {
        if (!update(c, o)) {
            insert(c, o, false);
        }
    }

    /** Inserts, or with {@code replace} overwrites, the row of {@code o}. */
    static void insert(Connection c, VersionedObject o, boolean replace) throws SQLException {
        Table t = table(o.kind());
        try (PreparedStatement ps = c.prepareStatement((replace ? "INSERT OR REPLACE" : "INSERT") + " INTO "
                + t.kind() + " (id, " + t.columnList() + ", " + VERSION_COLUMN + ", " + EXTRA_COLUMN + ") VALUES (?"
                + ", ?".repeat(t.columns().size() + 2) + ")")) {
            ps.setString(1, o.key());
            bindRow(ps, 2, t, o);
            ps.executeUpdate();
        }
    }

    /** Updates every column of an existing row. @return whether the row existed */
    static boolean update(Connection c, VersionedObject o) throws SQLException {
        Table t = table(o.kind());
        String set = t.columns().stream().map(col -> col.name() + " = ?").collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + t.kind() + " SET " + set + ", " + VERSION_COLUMN
                + " = ?, " + EXTRA_COLUMN + " = ? WHERE id = ?")) {
            int next = bindRow(ps, 1, t, o);
            ps.setString(next, o.key());
            return ps.executeUpdate() == 1;
        }
    }

    static List<String> keysAfter(Connection c, String kind, String afterKey, int limit) throws SQLException {
        Table t = table(kind);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM " + t.kind() + " WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setString(1, afterKey);
            ps.setInt(2, limit);
            return SqliteSql.strings(ps);
        }
    }

    // --- conversion ---

    private static VersionedObject fromRow(Table t, String key, ResultSet rs) throws SQLException {
        PropertyBag.Builder b = PropertyBag.builder();
        for (Column col : t.columns()) {
            Object raw = rs.getObject(col.name());
            if (raw != null) {
                b.put(col.name(), toValue(col, raw));
            }
        }
        byte[] extra = rs.getBytes(EXTRA_COLUMN);
        if (extra != null && extra.length > 0) {
            try {
                VersionedObjectFormat.bagFromBytes(extra).asMap().forEach(b::put);
            } catch (IllegalArgumentException e) {
                throw new InternalException("a stored " + t.kind() + " row has malformed extra properties", e);
            }
        }
        String version = rs.getString(VERSION_COLUMN);
        ObjectVersion v;
        try {
            v = version == null ? ObjectVersion.INITIAL : ObjectVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new InternalException("a stored " + t.kind() + " row has a malformed object version", e);
        }
        return new VersionedObject(t.kind(), key, v, b.build());
    }

    /** Binds the columns, objVer and extra from {@code ps}'s parameter {@code first} on; @return the next index */
    private static int bindRow(PreparedStatement ps, int first, Table t, VersionedObject o) throws SQLException {
        PropertyBag.Builder extra = o.properties().toBuilder();
        int i = first;
        for (Column col : t.columns()) {
            Optional<PropertyValue> value = o.properties().get(col.name());
            Object stored = value.map(v -> toColumn(col, v)).orElse(null);
            if (stored != null) {
                extra.remove(col.name());
                ps.setObject(i++, stored);
            } else {
                ps.setObject(i++, col.empty()); // absent, or a value the column cannot hold: kept in extra
            }
        }
        ps.setString(i++, o.version().toString());
        PropertyBag rest = extra.build();
        ps.setBytes(i++, rest.asMap().isEmpty() ? null : VersionedObjectFormat.bagToBytes(rest));
        return i;
    }

    private static PropertyValue toValue(Column col, Object raw) {
        return switch (col.type()) {
            case TEXT -> new PropertyValue.Text(raw.toString());
            case LONG -> new PropertyValue.Int(((Number) raw).longValue());
            case BOOL -> new PropertyValue.Bool(((Number) raw).longValue() != 0);
            case TIME_MILLIS -> new PropertyValue.Time(Instant.ofEpochMilli(((Number) raw).longValue()));
            case REF -> new PropertyValue.Ref(col.refKind(), raw.toString());
            case TEXTS_JSON -> texts(raw.toString());
            case DATASETS_JSON -> datasets(raw.toString());
        };
    }

    /** The column value of a property, or null when the column cannot hold it. */
    private static Object toColumn(Column col, PropertyValue v) {
        return switch (col.type()) {
            case TEXT -> v instanceof PropertyValue.Text t ? t.value() : null;
            case LONG -> v instanceof PropertyValue.Int n ? (Object) n.value() : null;
            case BOOL -> v instanceof PropertyValue.Bool b ? (Object) (b.value() ? 1L : 0L) : null;
            case TIME_MILLIS -> v instanceof PropertyValue.Time t ? (Object) t.value().toEpochMilli() : null;
            case REF -> v instanceof PropertyValue.Ref r && r.kind().equals(col.refKind()) ? r.name() : null;
            case TEXTS_JSON -> textsJson(v);
            case DATASETS_JSON -> datasetsJson(v);
        };
    }

    private static PropertyValue texts(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            List<PropertyValue> values = new ArrayList<>();
            for (JsonNode n : node) {
                values.add(new PropertyValue.Text(n.asText()));
            }
            return new PropertyValue.Items(values);
        } catch (JsonProcessingException e) {
            throw new InternalException("a stored list of texts is malformed", e);
        }
    }

    private static String textsJson(PropertyValue v) {
        if (!(v instanceof PropertyValue.Items items)) {
            return null;
        }
        ArrayNode array = JSON.createArrayNode();
        for (PropertyValue item : items.values()) {
            if (!(item instanceof PropertyValue.Text t)) {
                return null;
            }
            array.add(t.value());
        }
        return array.toString();
    }

    /** The datasets column (see {@link DatasetsJson}) as Beam's list of nested dataset entities. */
    private static PropertyValue datasets(String json) {
        List<PropertyValue> values = new ArrayList<>();
        for (DatasetRef d : DatasetsJson.decode(json)) {
            values.add(new PropertyValue.Nested(PropertyBag.builder()
                    .text(SnippetCodec.DS_CONFIG, SnippetCodec.toJson(d.config()))
                    .ref(SnippetCodec.DS_DATASET, Dataset.KIND, d.datasetId())
                    .text(SnippetCodec.DS_EMULATOR, d.emulator())
                    .build()));
        }
        return new PropertyValue.Items(values);
    }

    /** Null (kept in extra instead) unless every element is exactly a dataset entity this column can hold. */
    private static String datasetsJson(PropertyValue v) {
        if (!(v instanceof PropertyValue.Items items)) {
            return null;
        }
        List<DatasetRef> refs = new ArrayList<>();
        for (PropertyValue item : items.values()) {
            if (!(item instanceof PropertyValue.Nested n)
                    || !n.properties().names().equals(java.util.Set.of(SnippetCodec.DS_CONFIG, SnippetCodec.DS_DATASET,
                    SnippetCodec.DS_EMULATOR))
                    || !(n.properties().get(SnippetCodec.DS_CONFIG).orElseThrow() instanceof PropertyValue.Text config)
                    || !(n.properties().get(SnippetCodec.DS_DATASET).orElseThrow() instanceof PropertyValue.Ref dataset)
                    || !dataset.kind().equals(Dataset.KIND)
                    || !(n.properties().get(SnippetCodec.DS_EMULATOR).orElseThrow() instanceof PropertyValue.Text emulator)) {
                return null;
            }
            try {
                refs.add(new DatasetRef(dataset.name(), emulator.value(),
                        config.value().isEmpty() ? Map.of() : SnippetCodec.fromJson(config.value())));
            } catch (InternalException e) {
                return null;
            }
        }
        return DatasetsJson.encode(refs);
    }
}
