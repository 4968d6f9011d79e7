package dev.beamplayground.store.spi;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;

/**
 * A persistence backend, found through {@link java.util.ServiceLoader}. A third-party backend ships a
 * jar with an implementation and a {@code META-INF/services/dev.beamplayground.store.spi.BackendProvider}
 * line naming it; {@code backend.module} then selects it by {@link #name()} or by class name.
 */
public interface BackendProvider {

    /** The short name {@code backend.module} selects this backend by. */
    String name();

    /**
     * The JSON Schema (draft 2020-12) of this backend's configuration: the properties under
     * {@code backend.} other than {@code module}, as strings. Only the keywords a flat string
     * configuration needs are implemented (see {@code ConfigSchema}); a schema using another is refused.
     */
    String configSchema();

    /**
     * Configuration taken from well-known environment variables (Beam's {@code DATASTORE_NAMESPACE},
     * say), used for keys the configuration leaves out and checked against the schema like the rest.
     */
    default Map<String, String> environmentDefaults(Map<String, String> environment) {
        return Map.of();
    }

    /**
     * Creates the store. Called once, with a configuration that already passed {@link #configSchema()};
     * should not connect before the first call that needs it. Objects are read and written through
     * {@code codecs}, at their pinned write versions.
     */
    PlaygroundStore open(Map<String, String> config, Codecs codecs);

    /** {@link #open(Map, Codecs)} with this code's codecs, unpinned. */
    default PlaygroundStore open(Map<String, String> config) {
        return open(config, Codecs.current());
    }
}
