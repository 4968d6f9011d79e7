package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Entity;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreContract;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract against the Datastore emulator; each test gets its own namespace. */
@ExtendWith(DatastoreEmulatorExtension.class)
class DatastoreStoreContractIT extends StoreContract {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static DatastoreEmulator emulator;

    private String namespace;

    @BeforeAll
    static void emulator(DatastoreEmulator shared) {
        emulator = shared;
    }

    @Override
    protected PlaygroundStore newStore() {
        namespace = "contract" + NAMESPACES.incrementAndGet();
        return new DatastoreBackendProvider().open(Map.of(
                DatastoreSettings.NAMESPACE, namespace,
                DatastoreSettings.PROJECT_ID, emulator.projectId(),
                DatastoreSettings.EMULATOR_HOST, emulator.host()));
    }

    /** Plain puts of the entities the store would write, without its transaction and key rule. */
    @Override
    protected void insertLegacy(Snippet snippet) {
        SnippetMapper mapper = new SnippetMapper(emulator.projectId(), namespace);
        List<Entity> entities = new ArrayList<>(mapper.toFileEntities(snippet));
        entities.add(mapper.toEntity(snippet));
        emulator.client(namespace).put(entities.toArray(Entity[]::new));
    }
}
