package dev.beamplayground.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Statement helpers the role classes share: chunks of ids, their placeholders, single-column results. */
final class SqliteSql {
    /** Ids per statement; well below SQLite's host-parameter limit. */
    static final int CHUNK = 500;

    private SqliteSql() {
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>((all.size() + CHUNK - 1) / CHUNK);
        for (int from = 0; from < all.size(); from += CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return out;
    }

    static String placeholders(int n) {
        return "?" + ", ?".repeat(n - 1);
    }

    static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }

    /** The first column of every row {@code ps} selects, as text. */
    static List<String> strings(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** {@code table} is always one of this package's constants, never input. */
    static int deleteByIds(Connection c, String table, List<String> ids) throws SQLException {
        int deleted = 0;
        for (List<String> chunk : chunks(ids)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE id IN (" + placeholders(chunk.size()) + ")")) {
                bind(ps, chunk);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Floors to the millisecond, the same way {@code Instant.truncatedTo(MILLIS)} does, also before 1970. */
    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }
}
