package dev.beamplayground.upgrade;

import dev.beamplayground.domain.error.UnavailableException;
import java.time.Duration;

/**
 * This instance may not write now: its release is older than the data (a migration has brought a kind
 * past what it can write), or its registration lapsed and could not be renewed. Answered as unavailable,
 * so a client retries and reaches an instance of the current release.
 */
public class OutdatedReleaseException extends UnavailableException {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public OutdatedReleaseException(String message) {
        super(message, RETRY_AFTER, null);
    }
}
