package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against a fresh SQLite file per test. */
class SqliteStoreContractTest extends StoreContract {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data").resolve("playground.db");
    }

    @Override
    protected PlaygroundStore newStore() {
        return new SqliteBackendProvider().open(Map.of("path", file().toString()));
    }

    /** Another process: its own connection to the same file. */
    @Override
    protected PlaygroundStore openAnother() {
        return newStore();
    }

    /** A restart: a new store on the same file. */
    @Override
    protected PlaygroundStore reopen() {
        return newStore();
    }

    /** A column this code does not know, as a newer version would add it. */
    @Override
    protected void insertWithUnknownProperty(Snippet snippet, String property, String value) {
        store.saveSnippet(snippet);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            try (Statement alter = c.createStatement()) {
                alter.execute("ALTER TABLE pg_snippets ADD COLUMN " + property + " TEXT");
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE pg_snippets SET " + property + " = ? WHERE id = ?")) {
                update.setString(1, value);
                update.setString(2, snippet.id());
                update.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Optional<String> storedProperty(String snippetId, String property) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             PreparedStatement select = c.prepareStatement("SELECT " + property + " FROM pg_snippets WHERE id = ?")) {
            select.setString(1, snippetId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void insertLegacy(Snippet snippet) {
        // Saved without its key, which is then set behind the store's back.
        store.saveSnippet(new Snippet(snippet.id(), snippet.sdk(), snippet.pipelineOptions(), snippet.complexity(),
                "", snippet.origin(), snippet.ownerId(), snippet.created(), snippet.lastVisited(),
                snippet.visitCount(), snippet.schemaVersion(), snippet.files(), snippet.datasets()));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             PreparedStatement update = c.prepareStatement("UPDATE pg_snippets SET persistenceKey = ? WHERE id = ?")) {
            update.setString(1, snippet.persistenceKey());
            update.setString(2, snippet.id());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
