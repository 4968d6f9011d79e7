package dev.beamplayground.redis;

import dev.beamplayground.domain.error.UnavailableException;
import java.time.Duration;

/** Redis cannot be reached now (refused, timed out, not connected); answered 503 with Retry-After. */
public class RedisUnavailableException extends UnavailableException {
    /** Reconnects are tried at least every second, so a short wait is enough. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, RETRY_AFTER, cause);
    }
}
