package dev.beamplayground.pipeline;

/**
 * What a client asks first: the status, and whether a cancel was asked for.
 *
 * @param status   the last status the runner wrote ({@link PipelineStatus#STATUS_UNSPECIFIED} before the first)
 * @param canceled a cancel has been recorded (CANCELED); the runner may not have stopped yet
 */
public record PipelineState(PipelineStatus status, boolean canceled) {
}
