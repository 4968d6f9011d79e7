package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.PrecompiledObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The one mapping between precompiled outputs and {@code pg_pc_objects} rows (key {@code <exampleId>_<KIND>}). */
final class PrecompiledObjectRows {
    private PrecompiledObjectRows() {
    }

    static void put(Connection c, List<PrecompiledObject> objects) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO pg_pc_objects (id, content) VALUES (?, ?)")) {
            for (PrecompiledObject o : objects) {
                ps.setString(1, o.key());
                ps.setString(2, o.content());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every key an example's outputs can have, present or not. */
    static List<String> keysOf(Collection<String> exampleIds) {
        List<String> keys = new ArrayList<>();
        for (String id : exampleIds) {
            for (PrecompiledObject.Kind kind : PrecompiledObject.Kind.values()) {
                keys.add(new PrecompiledObject(id, kind, "").key());
            }
        }
        return keys;
    }

    static Optional<String> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT content FROM pg_pc_objects WHERE id = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
