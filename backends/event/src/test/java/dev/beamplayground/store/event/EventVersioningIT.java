package dev.beamplayground.store.event;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.VersioningContract;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Versioned objects, migrations and cleanup on the event backend: the stores a test opens (its code
 * versions) share one stream, as instances of two releases share one log during an upgrade.
 */
class EventVersioningIT extends VersioningContract {
    @RegisterExtension
    static final EventStreams EVENTS = new EventStreams("versioning");

    @Override
    protected PlaygroundStore openStore(Codecs codecs) {
        return Backends.select(EventTestSupport.config(EVENTS.redis(), EVENTS.stream()), Map.of()).open(codecs);
    }

}
