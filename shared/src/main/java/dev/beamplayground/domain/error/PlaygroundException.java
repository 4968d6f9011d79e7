package dev.beamplayground.domain.error;

/**
 * The one exception hierarchy of the backend. Its message is safe to show to a client: it never
 * carries stored data or internals; a cause, when there is one, is for the log only.
 */
public abstract class PlaygroundException extends RuntimeException {
    private final ErrorCode code;

    protected PlaygroundException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
