package dev.beamplayground.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The harness itself, on an emulator of its own (reset would wipe the shared one's data). */
class DatastoreEmulatorIT {

    @Test
    void startsResetsAndStopsWithoutLeavingAProcess() throws Exception {
        DatastoreEmulator emulator = DatastoreEmulator.start();
        String host = emulator.host();
        try {
            assertTrue(host.matches("127\\.0\\.0\\.1:\\d+"), host);
            assertTrue(Files.isRegularFile(emulator.logFile()));
            Datastore client = emulator.client("harness");
            Key key = client.newKeyFactory().setKind("probe").newKey("k");
            client.put(Entity.newBuilder(key).set("v", 1).build());
            assertNotNull(client.get(key));

            emulator.reset();

            assertNull(client.get(key));
        } finally {
            emulator.close();
        }
        int port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            }
        });
        emulator.close(); // idempotent
        assertEquals(DatastoreEmulator.PROJECT_ID, emulator.projectId());
    }
}
