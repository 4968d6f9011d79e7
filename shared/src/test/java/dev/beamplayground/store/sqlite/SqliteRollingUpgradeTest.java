package dev.beamplayground.store.sqlite;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.RollingUpgradeContract;
import dev.beamplayground.versioning.Codecs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The rolling upgrade on SQLite: every instance its own connection to one file. */
class SqliteRollingUpgradeTest extends RollingUpgradeContract {
    @TempDir
    Path dir;

    @Override
    protected PlaygroundStore openStore(Codecs codecs) {
        return new SqliteBackendProvider().open(Map.of("path", dir.resolve("playground.db").toString()), codecs);
    }
}
