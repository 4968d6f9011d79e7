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

    private int run;

    /** A stream per run; the extension checks the last one after the test, {@link #afterRun} each. */
    @Override
    protected void freshStorage() {
        run++;
    }

    @Override
    protected void afterRun() {
        EventTestSupport.assertViewMatchesLog(EVENTS.redis(), stream());
    }

    private String stream() {
        return EVENTS.stream() + "r" + run;
    }

    @Override
    protected PlaygroundStore openStore(Codecs codecs) {
        return Backends.select(EventTestSupport.config(EVENTS.redis(), stream()), Map.of()).open(codecs);
    }
}
