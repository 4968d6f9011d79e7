package dev.beamplayground.store.datastore;

import dev.beamplayground.store.CatalogStoreContract;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.versioning.Codecs;
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

    private final String namespace = "catalog" + NAMESPACES.incrementAndGet();

    @Override
    protected PlaygroundStore newStore(Codecs codecs) {
        return new DatastoreBackendProvider().open(Map.of(
                DatastoreSettings.NAMESPACE, namespace,
                DatastoreSettings.PROJECT_ID, emulator.projectId(),
                DatastoreSettings.EMULATOR_HOST, emulator.host()), codecs);
    }
}
