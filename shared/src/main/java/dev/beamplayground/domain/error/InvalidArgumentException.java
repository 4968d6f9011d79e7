package dev.beamplayground.domain.error;

/** The request is malformed or breaks a rule; nothing was stored. */
public class InvalidArgumentException extends PlaygroundException {
    public InvalidArgumentException(String message) {
        super(ErrorCode.INVALID_ARGUMENT, message, null);
    }

    public InvalidArgumentException(String message, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
