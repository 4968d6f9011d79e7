package dev.beamplayground.store.sqlite;

import dev.beamplayground.store.CatalogStoreContract;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.versioning.Codecs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The catalog contract against a fresh SQLite file per test. */
class SqliteCatalogStoreTest extends CatalogStoreContract {
    @TempDir
    Path dir;

    @Override
    protected PlaygroundStore newStore(Codecs codecs) {
        return new SqliteBackendProvider().open(Map.of("path", dir.resolve("catalog.db").toString()), codecs);
    }
}
