package dev.beamplayground.store.sqlite;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.VersioningContract;
import dev.beamplayground.versioning.Codecs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Versioned objects, migrations and cleanup on SQLite: several stores (code versions) on one file. */
class SqliteVersioningTest extends VersioningContract {
    @TempDir
    Path dir;

    @Override
    protected PlaygroundStore openStore(Codecs codecs) {
        return new SqliteBackendProvider().open(Map.of("path", dir.resolve("playground.db").toString()), codecs);
    }
}
