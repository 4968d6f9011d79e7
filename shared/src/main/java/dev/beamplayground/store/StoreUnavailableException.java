package dev.beamplayground.store;

import dev.beamplayground.domain.error.UnavailableException;
import java.time.Duration;

/** The backing store cannot be reached or refused the operation for a passing reason. */
public class StoreUnavailableException extends UnavailableException {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, RETRY_AFTER, cause);
    }
}
