package dev.beamplayground.store.datastore;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.CountingProxy;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;

/** A Datastore store on the emulator whose every call goes through {@code rpcs}, which counts them by method. */
final class CountedStore {
    private CountedStore() {
    }

    static PlaygroundStore open(DatastoreEmulator emulator, CountingProxy rpcs, String namespace) {
        return new DatastoreBackendProvider().open(Map.of(
                DatastoreSettings.NAMESPACE, namespace,
                DatastoreSettings.PROJECT_ID, emulator.projectId(),
                DatastoreSettings.EMULATOR_HOST, rpcs.host()), Codecs.current());
    }
}
