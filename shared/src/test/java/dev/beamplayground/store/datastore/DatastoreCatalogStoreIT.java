package dev.beamplayground.store.datastore;

import dev.beamplayground.store.CatalogStoreContract;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalog contract against the Datastore emulator; each test gets its own namespace. */
@ExtendWith(DatastoreEmulatorExtension.class)
class DatastoreCatalogStoreIT extends CatalogStoreContract {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static DatastoreEmulator emulator;

    @BeforeAll
    static void emulator(DatastoreEmulator shared) {
        emulator = shared;
    }

    @Override
    protected PlaygroundStore newStore() {
        return new DatastoreBackendProvider().open(Map.of(
                DatastoreSettings.NAMESPACE, "catalog" + NAMESPACES.incrementAndGet(),
                DatastoreSettings.PROJECT_ID, emulator.projectId(),
                DatastoreSettings.EMULATOR_HOST, emulator.host()));
    }
}
