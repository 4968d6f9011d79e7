package dev.beamplayground.pipeline;

/** Carries a cancel request to the listener that records it (Pub/Sub in the cloud, a method call locally). */
public interface CancelPublisher {
    /**
     * Hands the request over; returns once it is accepted for delivery, without waiting for the runner.
     *
     * @throws dev.beamplayground.domain.error.UnavailableException when it cannot be handed over now
     */
    void publish(PipelineUuid uuid);
}
