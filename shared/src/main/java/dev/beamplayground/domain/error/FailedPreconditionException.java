package dev.beamplayground.domain.error;

/** The request is well formed but the thing it names is not in a state that allows it (a finished pipeline to cancel). */
public class FailedPreconditionException extends PlaygroundException {
    public FailedPreconditionException(String message) {
        super(ErrorCode.FAILED_PRECONDITION, message, null);
    }
}
