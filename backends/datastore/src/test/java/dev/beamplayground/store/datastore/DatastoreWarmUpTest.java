package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.testing.IsolatedClassLoader;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store's warm-up, which runs beside an instance's start, does the first request's slow part that needs no call:
 * it builds the descriptors of Datastore's entities (their generated property map needs them), and calls nothing
 * (the emulator named here does not exist). In a class loader of its own, so that other tests' classes do not count.
 */
class DatastoreWarmUpTest {
    @Test
    void warmUpBuildsTheEntityDescriptorsWithoutACall() throws Exception {
        try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
            assertFalse(loader.loaded("com.google.protobuf.Descriptors$FileDescriptor"));
            loader.instance(WarmUp.class, Runnable.class).run();
            assertTrue(loader.loaded("com.google.protobuf.Descriptors$FileDescriptor"),
                    "the warm-up built no descriptor");
            assertTrue(loader.loaded("com.google.datastore.v1.EntityProto"));
        }
    }

    /** Run inside the isolated loader. */
    public static final class WarmUp implements Runnable {
        @Override
        public void run() {
            try (DatastoreStore store = new DatastoreStore(DatastoreSettings.from(Map.of(
                    DatastoreSettings.PROJECT_ID, "warm-up", DatastoreSettings.EMULATOR_HOST, "127.0.0.1:9")),
                    Codecs.current())) {
                store.warmUp();
            }
        }
    }
}
