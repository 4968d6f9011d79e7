package dev.beamplayground.store.event;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.RollingUpgradeContract;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rolling upgrade on the event backend: every instance its own connection to one stream and view. */
class EventRollingUpgradeIT extends RollingUpgradeContract {
    @RegisterExtension
    static final EventStreams EVENTS = new EventStreams("upgrade");

    @Override
    protected PlaygroundStore openStore(Codecs codecs) {
        return Backends.select(EventTestSupport.config(EVENTS.redis(), EVENTS.stream()), Map.of()).open(codecs);
    }
}
