package dev.beamplayground.pipeline.memory;

import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineStoreContract;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.pipeline.OutputLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;

class InMemoryPipelineStoreTest extends PipelineStoreContract {
    private final InMemoryPipelineStore store = new InMemoryPipelineStore(Clock.systemUTC(), Duration.ofMinutes(15));
    private final FakeClock clock = new FakeClock();
    private InMemoryPipelineStore shortLived;

    @Override
    protected PipelineStore store() {
        return store;
    }

    @Override
    protected PipelineStore storeWithTtl(Duration ttl) {
        shortLived = new InMemoryPipelineStore(clock, ttl);
        return shortLived;
    }

    @Override
    protected void elapse(PipelineUuid uuid, Duration time) {
        clock.now = clock.now.plus(time);
    }

    /** Time that moves only when the test says so. */
    private static final class FakeClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Override
    protected PipelineStore storeWithLimits(OutputLimits limits) {
        shortLived = new InMemoryPipelineStore(Clock.systemUTC(), Duration.ofMinutes(15), limits);
        return shortLived;
    }

    @AfterEach
    void close() {
        store.close();
        if (shortLived != null) {
            shortLived.close();
        }
    }
}
