package dev.beamplayground.pipeline.memory;

import dev.beamplayground.pipeline.CancelHandler;
import dev.beamplayground.pipeline.CancelPublisher;
import dev.beamplayground.pipeline.PipelineUuid;

/**
 * The cancel path of a local run, without Pub/Sub: the request goes straight to the same handler the
 * cancel-listener function runs, in this process.
 */
public final class InProcessCancelBus implements CancelPublisher {
    private final CancelHandler handler;

    public InProcessCancelBus(CancelHandler handler) {
        this.handler = handler;
    }

    @Override
    public void publish(PipelineUuid uuid) {
        handler.handle(uuid);
    }
}
