package dev.beamplayground.pipeline.memory;

import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineStoreContract;
import dev.beamplayground.pipeline.OutputLimits;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

class InMemoryPipelineStoreTest extends PipelineStoreContract {
    private final InMemoryPipelineStore store = new InMemoryPipelineStore(Clock.systemUTC(), Duration.ofMinutes(15));
    private InMemoryPipelineStore shortLived;

    @Override
    protected PipelineStore store() {
        return store;
    }

    @Override
    protected PipelineStore storeWithTtl(Duration ttl) {
        shortLived = new InMemoryPipelineStore(Clock.systemUTC(), ttl);
        return shortLived;
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
