package dev.beamplayground.store.sqlite;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.RollingUpgradeContract;
import dev.beamplayground.versioning.Codecs;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The rolling upgrade on SQLite: every instance its own connection to one file. */
class SqliteRollingUpgradeTest extends RollingUpgradeContract {
    /**
     * Three connections write one file here at once (a local run has one process): on a loaded machine a
     * writer may wait longer for the lock than the default 5 s, which would be a failure of the machine.
     */
    private static final int BUSY_TIMEOUT_MILLIS = 60_000;

    @TempDir
    Path dir;
    private int run;

    @Override
    protected void freshStorage() {
        run++;
    }

    @Override
    protected PlaygroundStore openStore(Codecs codecs) {
        return new SqliteStore(dir.resolve("playground" + run + ".db"), BUSY_TIMEOUT_MILLIS, codecs);
    }
}
