package dev.beamplayground.store.event;

import dev.beamplayground.store.CatalogStoreContract;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog contract against the event backend on a real, fsyncing redis-server; a EVENTS.stream() per test. */
class EventCatalogStoreIT extends CatalogStoreContract {
    @RegisterExtension
    static final EventStreams EVENTS = new EventStreams("catalog");

    @Override
    protected PlaygroundStore newStore(Codecs codecs) {
        return Backends.select(EventTestSupport.config(EVENTS.redis(), EVENTS.stream()), Map.of()).open(codecs);
    }

}
