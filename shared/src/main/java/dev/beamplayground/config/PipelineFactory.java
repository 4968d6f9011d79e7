package dev.beamplayground.config;

import dev.beamplayground.pipeline.CancelHandler;
import dev.beamplayground.pipeline.CancelPublisher;
import dev.beamplayground.pipeline.CancelRequests;
import dev.beamplayground.pipeline.PipelineReader;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.memory.InMemoryPipelineStore;
import dev.beamplayground.pipeline.memory.InProcessCancelBus;
import dev.beamplayground.config.RedisConfigured;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Pipeline state beans: the in-process store when no Redis is configured (with Redis, the redis module
 * supplies the store); the in-process cancel bus when no Pub/Sub topic ({@code cancel.topic})
 * is set. Nothing connects before the first request that needs it.
 */
@Factory
public class PipelineFactory {
    /** The Pub/Sub topic of cancel messages; without it a Cancel is handled in this process. */
    public static final String CANCEL_TOPIC = "cancel.topic";

    @Singleton
    @Requires(condition = RedisConfigured.Absent.class)
    @Bean(preDestroy = "close")
    PipelineStore inMemoryPipelineStore(PipelineConfiguration configuration, Clock clock) {
        return new InMemoryPipelineStore(clock, configuration.getTtl(), configuration.outputLimits());
    }

    @Singleton
    PipelineReader pipelineReader(PipelineStore store, PipelineConfiguration configuration) {
        return new PipelineReader(store, configuration.getMaxAnswerBytes());
    }

    @Singleton
    CancelHandler cancelHandler(PipelineStore store) {
        return new CancelHandler(store);
    }

    @Singleton
    @Requires(missingProperty = CANCEL_TOPIC)
    CancelPublisher inProcessCancelBus(CancelHandler handler) {
        return new InProcessCancelBus(handler);
    }

    @Singleton
    CancelRequests cancelRequests(PipelineStore store, CancelPublisher publisher) {
        return new CancelRequests(store, publisher);
    }
}
