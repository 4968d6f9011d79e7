package dev.beamplayground.domain.error;

/** What the request names does not exist. */
public class NotFoundException extends PlaygroundException {
    public NotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message, null);
    }

    public NotFoundException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }
}
