package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Snippet;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The transfer role of {@link SqliteStore}: snippets page by page out of the file, and written in whole. */
final class SqliteTransfer {
    private final SqliteDatabase db;
    private final SqliteSnippetRows rows;

    SqliteTransfer(SqliteDatabase db, SqliteSnippetRows rows) {
        this.db = db;
        this.rows = rows;
    }

    /** Ids compare as SQLite's BINARY collation does: by their UTF-8 bytes. */
    List<Snippet> page(String afterId, int limit) {
        Objects.requireNonNull(afterId, "afterId");
        if (limit <= 0) {
            return List.of();
        }
        return db.transaction(false, c -> {
            List<String> ids;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM pg_snippets WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setString(1, afterId);
                ps.setInt(2, limit);
                ids = SqliteSql.strings(ps);
            }
            List<Snippet> page = new ArrayList<>(ids.size());
            for (String id : ids) {
                page.add(rows.read(c, id).orElseThrow());
            }
            return page;
        });
    }

    /** One transaction per chunk; a replaced snippet's surplus files go, unknown columns take their defaults. */
    int put(List<Snippet> snippets) {
        int written = 0;
        for (List<Snippet> chunk : SqliteSql.chunks(List.copyOf(snippets))) {
            written += db.transaction(true, c -> {
                for (Snippet s : chunk) {
                    List<SqliteSnippetRows.Stored> old = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT id, numberOfFiles FROM pg_snippets WHERE id = ?")) {
                        ps.setString(1, s.id());
                        SqliteSnippetRows.collectStored(ps, old);
                    }
                    SqliteSnippetRows.deleteStored(c, old);
                    rows.insert(c, s);
                }
                return chunk.size();
            });
        }
        return written;
    }
}
