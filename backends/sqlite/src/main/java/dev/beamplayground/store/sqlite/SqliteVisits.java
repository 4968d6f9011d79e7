package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.VisitLedger;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The visit role of {@link SqliteStore}: a visit counted in the call, and the chunks of buffered visits. */
final class SqliteVisits {
    private final SqliteDatabase db;
    private final SqliteSnippetRows rows;

    SqliteVisits(SqliteDatabase db, SqliteSnippetRows rows) {
        this.db = db;
        this.rows = rows;
    }

    Optional<Snippet> visit(String id, Instant now) {
        Objects.requireNonNull(id, "id");
        long visited = SqliteSql.millis(now);
        return db.transaction(true, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE pg_snippets SET visitCount = visitCount + 1, lVisited = ? WHERE id = ?")) {
                ps.setLong(1, visited);
                ps.setString(2, id);
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return rows.read(c, id);
        });
    }

    /** The mark's row and the counts in one write transaction: a mark already there means the chunk was added. */
    boolean add(String mark, Map<String, VisitLedger.Visits> visits, Instant now) {
        Objects.requireNonNull(mark, "mark");
        if (visits.size() > VisitLedger.MAX_VISIT_CHUNK) {
            throw new IllegalArgumentException("at most " + VisitLedger.MAX_VISIT_CHUNK + " snippets per visit chunk");
        }
        return db.transaction(true, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO pg_visit_marks (id, at) VALUES (?, ?)")) {
                ps.setString(1, mark);
                ps.setLong(2, SqliteSql.millis(now));
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE pg_snippets SET visitCount = visitCount + ?,"
                    + " lVisited = MAX(lVisited, ?) WHERE id = ?")) {
                for (Map.Entry<String, VisitLedger.Visits> e : visits.entrySet()) {
                    ps.setLong(1, e.getValue().count());
                    ps.setLong(2, SqliteSql.millis(e.getValue().last()));
                    ps.setString(3, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    int forgetMarks(Instant before) {
        return db.transaction(true, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pg_visit_marks WHERE at < ?")) {
                ps.setLong(1, SqliteSql.millis(before));
                return ps.executeUpdate();
            }
        });
    }
}
