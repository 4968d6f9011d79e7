package dev.beamplayground.store.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObjectType;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.error.InternalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The one mapping between examples and {@code pg_examples} rows; {@code tags} and {@code cats} are JSON arrays. */
final class ExampleRows {
    static final String COLUMNS = "id, name, sdk, descr, tags, cats, path, type, origin, schVer, urlVCS, urlNotebook,"
            + " alwaysRun, neverRun";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleRows() {
    }

    static void put(Connection c, List<Example> examples) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO pg_examples (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Example e : examples) {
                ps.setString(1, e.id());
                ps.setString(2, e.name());
                ps.setString(3, e.sdk().name());
                ps.setString(4, e.description());
                ps.setString(5, toJson(e.tags()));
                ps.setString(6, toJson(e.categories()));
                ps.setString(7, e.path());
                ps.setString(8, e.type().name());
                ps.setString(9, e.origin().name());
                ps.setString(10, e.schemaVersion());
                ps.setString(11, e.urlVcs());
                ps.setString(12, e.urlNotebook());
                ps.setInt(13, e.alwaysRun() ? 1 : 0);
                ps.setInt(14, e.neverRun() ? 1 : 0);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The example of a row selected with {@link #COLUMNS}; absent optional columns read as empty. */
    static Example read(ResultSet rs) throws SQLException {
        return new Example(rs.getString("id"), rs.getString("name"),
                SqliteStore.enumValue(Sdk.class, rs.getString("sdk")), text(rs, "descr"),
                fromJson(rs.getString("tags")), fromJson(rs.getString("cats")), text(rs, "path"),
                type(rs.getString("type")), SqliteStore.enumValue(Origin.class, rs.getString("origin")),
                text(rs, "schVer"), text(rs, "urlVCS"), text(rs, "urlNotebook"),
                rs.getInt("alwaysRun") != 0, rs.getInt("neverRun") != 0);
    }

    static Set<String> ids(Connection c, Origin origin) throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pg_examples WHERE origin = ?")) {
            ps.setString(1, origin.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static PrecompiledObjectType type(String name) {
        for (PrecompiledObjectType t : PrecompiledObjectType.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return PrecompiledObjectType.PRECOMPILED_OBJECT_TYPE_UNSPECIFIED;
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    private static String toJson(List<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array.toString();
    }

    private static List<String> fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            List<String> out = new ArrayList<>();
            if (node == null || !node.isArray()) {
                throw new InternalException("a stored example list is not a JSON array");
            }
            for (JsonNode v : node) {
                out.add(v.asText());
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new InternalException("a stored example list is not a JSON array", e);
        }
    }
}
