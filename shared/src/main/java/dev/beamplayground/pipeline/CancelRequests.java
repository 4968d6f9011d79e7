package dev.beamplayground.pipeline;

import dev.beamplayground.domain.error.FailedPreconditionException;
import dev.beamplayground.domain.error.NotFoundException;

/**
 * The Cancel method: checks the uuid and the pipeline's state, then hands a cancel message to the
 * publisher and returns; the listener records it and the runner stops the run.
 *
 * <p>A pipeline without state is not found (404): it never ran here or expired, and a message for
 * it would only be dropped by the listener. A run that has ended (finished, failed, timed out,
 * canceled) is a failed precondition (400) naming its status: there is nothing left to stop, and
 * the client learns why rather than getting a silent success. A cancel already asked for (CANCELED
 * set, runner not yet stopped) answers success again without a second message.
 */
public final class CancelRequests {
    private final PipelineStore store;
    private final CancelPublisher publisher;

    public CancelRequests(PipelineStore store, CancelPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    public void cancel(String pipelineUuid) {
        PipelineUuid uuid = PipelineUuid.parse(pipelineUuid);
        PipelineState state = store.state(uuid).orElseThrow(() -> new NotFoundException("no pipeline " + uuid
                + " to cancel: it never ran here, or its state expired 15 minutes after its last update"));
        if (state.status().hasEnded()) {
            throw new FailedPreconditionException("pipeline " + uuid + " has already ended with "
                    + state.status().name() + "; there is nothing to cancel");
        }
        if (!state.canceled()) {
            publisher.publish(uuid);
        }
    }
}
