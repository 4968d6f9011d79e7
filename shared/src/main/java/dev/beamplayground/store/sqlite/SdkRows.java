package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The one mapping between SDK entities and {@code pg_sdks} rows. Rows naming an SDK this code lacks are skipped. */
final class SdkRows {
    private SdkRows() {
    }

    static void put(Connection c, List<SdkInfo> sdks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR REPLACE INTO pg_sdks (id, defaultExample) VALUES (?, ?)")) {
            for (SdkInfo s : sdks) {
                ps.setString(1, s.sdk().name());
                ps.setString(2, s.defaultExample());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static List<SdkInfo> all(Connection c) throws SQLException {
        List<SdkInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, defaultExample FROM pg_sdks ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                for (Sdk sdk : Sdk.values()) {
                    if (sdk.name().equals(rs.getString(1))) {
                        out.add(new SdkInfo(sdk, rs.getString(2) == null ? "" : rs.getString(2)));
                    }
                }
            }
        }
        return out;
    }
}
