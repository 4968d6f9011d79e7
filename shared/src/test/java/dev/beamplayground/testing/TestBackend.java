package dev.beamplayground.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The backends function tests run against: an SQLite file, and the real Datastore emulator. */
public enum TestBackend {
    SQLITE,
    DATASTORE;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /**
     * {@code backend.*} properties for a new, empty store of this backend.
     *
     * @param emulator the emulator (used by DATASTORE only)
     * @param dir      a temporary folder (used by SQLITE only)
     */
    public Map<String, Object> properties(DatastoreEmulator emulator, Path dir) {
        int n = SEQUENCE.incrementAndGet();
        return switch (this) {
            case SQLITE -> Map.of("backend.module", "sqlite",
                    "backend.path", dir.resolve("store-" + n + ".db").toString());
            case DATASTORE -> Map.of("backend.module", "datastore",
                    "backend.emulator-host", emulator.host(),
                    "backend.project-id", emulator.projectId(),
                    "backend.namespace", "fn" + ProcessHandle.current().pid() + "-" + n);
        };
    }
}
