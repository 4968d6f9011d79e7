package dev.beamplayground.domain.error;

/** A fault of this backend, not of the request. */
public class InternalException extends PlaygroundException {
    public InternalException(String message) {
        super(ErrorCode.INTERNAL, message, null);
    }

    public InternalException(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }
}
