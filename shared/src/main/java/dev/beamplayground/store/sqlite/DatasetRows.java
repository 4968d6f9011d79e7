package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Dataset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The one mapping between datasets and {@code pg_datasets} rows. */
final class DatasetRows {
    private DatasetRows() {
    }

    static void put(Connection c, List<Dataset> datasets) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO pg_datasets (id, path) VALUES (?, ?)")) {
            for (Dataset d : datasets) {
                ps.setString(1, d.id());
                ps.setString(2, d.path());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<Dataset> all(Connection c) throws SQLException {
        List<Dataset> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, path FROM pg_datasets ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Dataset(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }
}
