package dev.beamplayground.domain.error;

import java.time.Duration;

/** A dependency (the store, Redis) cannot be reached now; the client may retry after a while. */
public class UnavailableException extends PlaygroundException {
    private final Duration retryAfter;

    public UnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
