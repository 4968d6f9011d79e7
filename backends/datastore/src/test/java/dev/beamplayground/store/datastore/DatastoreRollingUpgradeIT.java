package dev.beamplayground.store.datastore;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.RollingUpgradeContract;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rolling upgrade on the Datastore emulator: every instance its own client on one namespace. */
@ExtendWith(DatastoreEmulatorExtension.class)
class DatastoreRollingUpgradeIT extends RollingUpgradeContract {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static DatastoreEmulator emulator;
    private String namespace;

    @BeforeAll
    static void emulator(DatastoreEmulator shared) {
        emulator = shared;
    }

    @Override
    protected void freshStorage() {
        namespace = "upgrade" + NAMESPACES.incrementAndGet();
    }

    @Override
    protected PlaygroundStore openStore(Codecs codecs) {
        return new DatastoreBackendProvider().open(Map.of(
                DatastoreSettings.NAMESPACE, namespace,
                DatastoreSettings.PROJECT_ID, emulator.projectId(),
                DatastoreSettings.EMULATOR_HOST, emulator.host()), codecs);
    }
}
