package dev.beamplayground.redis;

import dev.beamplayground.logging.Printable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** A warning logged at most once per interval, with how many were left out since: an outage is not a log flood. */
public final class RateLimitedLog {
    private final Logger log;

    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    /** @param log where the warnings go; @param interval at most one warning per interval, the rest counted */
    public RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** {@code message} has two placeholders: the failure's type and its message. */
    public void warn(String message, Throwable cause) {
        long skipped = due();
        if (skipped < 0) {
            return;
        }
        String detail = cause.getMessage() == null ? "" : Printable.of(cause.getMessage());
        log.warn(message + suffix(skipped), cause.getClass().getSimpleName(), detail);
    }

    /** A fault of ours: {@code message} without placeholders, logged as an error with the failure's stack. */
    public void error(String message, Throwable failure) {
        long skipped = due();
        if (skipped >= 0) {
            log.error(message + suffix(skipped), failure);
        }
    }

    /** How many were left out since the last report when one is due now, else -1 (and this one is counted). */
    private long due() {
        long now = System.nanoTime();
        long due = next.get();
        if (now - due < 0 || !next.compareAndSet(due, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return -1;
        }
        return suppressed.getAndSet(0);
    }

    private static String suffix(long skipped) {
        return skipped > 0 ? " (" + skipped + " more since the last report)" : "";
    }
}
