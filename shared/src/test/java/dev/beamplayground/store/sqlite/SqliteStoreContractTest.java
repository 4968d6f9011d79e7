package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
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

    /** A restart: a new store on the same file. */
    protected PlaygroundStore reopen(PlaygroundStore closed) {
        return newStore();
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
