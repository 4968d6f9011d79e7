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
import java.util.Optional;
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
        return open(namespace);
    }

    private static PlaygroundStore open(String namespace) {
        return new DatastoreBackendProvider().open(Map.of(
                DatastoreSettings.NAMESPACE, namespace,
                DatastoreSettings.PROJECT_ID, emulator.projectId(),
                DatastoreSettings.EMULATOR_HOST, emulator.host()));
    }

    /** Another function instance: its own client on the same namespace. */
    @Override
    protected PlaygroundStore openAnother() {
        return open(namespace);
    }

    /** A restart of the function: a new client; the emulator keeps its data. */
    @Override
    protected PlaygroundStore reopen() {
        return open(namespace);
    }

    @Override
    protected void insertWithUnknownProperty(Snippet snippet, String property, String value) {
        SnippetMapper mapper = new SnippetMapper(emulator.projectId(), namespace);
        List<Entity> entities = new ArrayList<>(List.of(Cloud.entities(mapper.toFileEntities(snippet))));
        entities.add(Entity.newBuilder(Cloud.entity(mapper.toEntity(snippet))).set(property, value).build());
        emulator.client(namespace).put(entities.toArray(Entity[]::new));
    }

    @Override
    protected Optional<String> storedProperty(String snippetId, String property) {
        Entity e = emulator.client(namespace).get(Cloud.key(new SnippetMapper(emulator.projectId(), namespace)
                .snippetKey(snippetId)));
        return e == null || !e.contains(property) ? Optional.empty() : Optional.of(e.getString(property));
    }

    /** Plain puts of the entities the store would write, without its transaction and key rule. */
    @Override
    protected void insertLegacy(Snippet snippet) {
        SnippetMapper mapper = new SnippetMapper(emulator.projectId(), namespace);
        List<Entity> entities = new ArrayList<>(List.of(Cloud.entities(mapper.toFileEntities(snippet))));
        entities.add(Cloud.entity(mapper.toEntity(snippet)));
        emulator.client(namespace).put(entities.toArray(Entity[]::new));
    }
}
