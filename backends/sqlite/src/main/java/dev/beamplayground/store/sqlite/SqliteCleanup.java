package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Origin;
import dev.beamplayground.store.PlaygroundStore.StaleSnippet;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/** The cleanup role of {@link SqliteStore}: finding and deleting user snippets not visited since a cutoff. */
final class SqliteCleanup {
    private final SqliteDatabase db;

    SqliteCleanup(SqliteDatabase db) {
        this.db = db;
    }

    List<String> staleIds(Instant cutoff, int limit) {
        return db.transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pg_snippets WHERE origin IN (?, ?)"
                    + " AND lVisited < ? ORDER BY lVisited, id LIMIT ?")) {
                ps.setString(1, Origin.PG_USER.name());
                ps.setString(2, Origin.TB_USER.name());
                ps.setLong(3, SqliteSql.millis(cutoff));
                ps.setInt(4, limit);
                return SqliteSql.strings(ps);
            }
        });
    }

    /** Read in one transaction, then handed out with the lock released. */
    void forEachStale(Instant cutoff, Consumer<StaleSnippet> each) {
        List<StaleSnippet> stale = db.transaction(false, c -> {
            List<StaleSnippet> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, origin, lVisited FROM pg_snippets"
                    + " WHERE origin IN (?, ?) AND lVisited < ?")) {
                ps.setString(1, Origin.PG_USER.name());
                ps.setString(2, Origin.TB_USER.name());
                ps.setLong(3, SqliteSql.millis(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new StaleSnippet(rs.getString(1), Origin.valueOf(rs.getString(2)),
                                Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
            }
            return found;
        });
        stale.forEach(each);
    }

    /** The staleness is checked again in the deleting transaction: a visit in between keeps the snippet. */
    int deleteStale(Collection<String> ids, Instant cutoff) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        int deleted = 0;
        for (List<String> chunk : SqliteSql.chunks(unique)) {
            deleted += db.transaction(true, c -> {
                List<SqliteSnippetRows.Stored> stale = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, numberOfFiles FROM pg_snippets WHERE id IN ("
                        + SqliteSql.placeholders(chunk.size()) + ") AND origin IN (?, ?) AND lVisited < ?")) {
                    SqliteSql.bind(ps, chunk);
                    ps.setString(chunk.size() + 1, Origin.PG_USER.name());
                    ps.setString(chunk.size() + 2, Origin.TB_USER.name());
                    ps.setLong(chunk.size() + 3, SqliteSql.millis(cutoff));
                    SqliteSnippetRows.collectStored(ps, stale);
                }
                return SqliteSnippetRows.deleteStored(c, stale);
            });
        }
        return deleted;
    }
}
