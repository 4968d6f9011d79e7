package dev.beamplayground.domain.error;

/** The request is over a size bound that is not a rule of the content (the whole body, say). */
public class TooLargeException extends PlaygroundException {
    public TooLargeException(String message) {
        super(ErrorCode.RESOURCE_EXHAUSTED, message, null);
    }
}
