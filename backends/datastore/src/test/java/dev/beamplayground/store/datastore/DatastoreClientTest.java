package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.versioning.Codecs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the client's project comes from, checked before it goes into a call's path and header. No call is made. */
class DatastoreClientTest {
    private static DatastoreRpc rpcOf(Map<String, String> config, Map<String, String> environment) {
        DatastoreClient<DatastoreClient.Connection> client = new DatastoreClient<>(DatastoreSettings.from(config),
                Codecs.current(), c -> c, environment::get);
        try {
            return client.get().rpc();
        } finally {
            client.close();
        }
    }

    @Test
    void theConfiguredProjectComesFirstThenTheEnvironmentsInOrder() {
        Map<String, String> env = new HashMap<>(Map.of("GCP_PROJECT_ID", "terraform-project",
                "DATASTORE_PROJECT_ID", "emulator-project"));
        assertEquals("configured", rpcOf(Map.of(DatastoreSettings.PROJECT_ID, "configured"), env).projectId());
        assertEquals("terraform-project", rpcOf(Map.of(), env).projectId());
        env.put("GOOGLE_CLOUD_PROJECT", "runtime-project");
        assertEquals("runtime-project", rpcOf(Map.of(), env).projectId());
        assertEquals("example.com:scoped-1", rpcOf(Map.of(DatastoreSettings.PROJECT_ID, "example.com:scoped-1"),
                Map.of()).projectId());
    }

    @Test
    void noProjectAnywhereIsAnInternalErrorNamingTheSettings() {
        InternalException e = assertThrows(InternalException.class, () -> rpcOf(Map.of(), Map.of("GCP_PROJECT_ID", " ")));
        assertTrue(e.getMessage().contains("backend.project-id") && e.getMessage().contains("GCP_PROJECT_ID"),
                e.getMessage());
    }

    @Test
    void aProjectThatIsNoProjectIdIsRefusedBeforeAnyCall() {
        for (String bad : new String[] {"a/b", "p\r\nX-Evil: 1", "p?x", "-p", "p".repeat(101)}) {
            assertThrows(InternalException.class, () -> rpcOf(Map.of(), Map.of("GCP_PROJECT_ID", bad)), bad);
        }
    }

    @Test
    void theDefaultDatabaseIsTheClientsEmptyName() {
        assertEquals("", rpcOf(Map.of(DatastoreSettings.PROJECT_ID, "p"), Map.of()).databaseId());
        assertEquals("db-1", rpcOf(Map.of(DatastoreSettings.PROJECT_ID, "p", DatastoreSettings.DATABASE_ID, "db-1"),
                Map.of()).databaseId());
    }
}
