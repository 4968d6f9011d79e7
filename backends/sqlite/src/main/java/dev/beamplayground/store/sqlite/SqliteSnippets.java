package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Snippet;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The snippet role of {@link SqliteStore}: save, find, look up by key, count and delete. */
final class SqliteSnippets {
    private final SqliteDatabase db;
    private final SqliteSnippetRows rows;

    SqliteSnippets(SqliteDatabase db, SqliteSnippetRows rows) {
        this.db = db;
        this.rows = rows;
    }

    boolean save(Snippet snippet) {
        Objects.requireNonNull(snippet, "snippet");
        SqliteSnippetRows.Encoded encoded = rows.encode(snippet);
        return db.transaction(true, c -> {
            // Also when the id exists: a retried save must still leave only this snippet under the key.
            if (snippet.hasPersistenceKey()) {
                List<SqliteSnippetRows.Stored> others = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, numberOfFiles FROM pg_snippets WHERE persistenceKey = ? AND id <> ?")) {
                    ps.setString(1, snippet.persistenceKey());
                    ps.setString(2, snippet.id());
                    SqliteSnippetRows.collectStored(ps, others);
                }
                SqliteSnippetRows.deleteStored(c, others);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_snippets WHERE id = ?")) {
                ps.setString(1, snippet.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            SqliteSnippetRows.insert(c, encoded);
            return true;
        });
    }

    Optional<Snippet> find(String id) {
        Objects.requireNonNull(id, "id");
        // A read transaction, so the snippet and its files come from one snapshot.
        return db.transaction(false, c -> rows.read(c, id));
    }

    /** The empty key marks snippets without one, so no snippet is stored "under" it. */
    List<String> idsByPersistenceKey(String persistenceKey) {
        Objects.requireNonNull(persistenceKey, "persistenceKey");
        if (persistenceKey.isEmpty()) {
            return List.of();
        }
        return db.transaction(false, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM pg_snippets WHERE persistenceKey = ? ORDER BY id")) {
                ps.setString(1, persistenceKey);
                return SqliteSql.strings(ps);
            }
        });
    }

    /** One transaction per chunk of ids: each snippet goes with its files, and the lock is not held for long. */
    int delete(Collection<String> ids) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        int deleted = 0;
        for (List<String> chunk : SqliteSql.chunks(unique)) {
            deleted += db.transaction(true, c -> SqliteSnippetRows.deleteWithFiles(c, chunk));
        }
        return deleted;
    }

    long count() {
        return db.transaction(false, c -> SqliteSql.count(c, "SELECT COUNT(*) FROM pg_snippets"));
    }

    long countFiles() {
        return db.transaction(false, c -> SqliteSql.count(c, "SELECT COUNT(*) FROM pg_files"));
    }
}
