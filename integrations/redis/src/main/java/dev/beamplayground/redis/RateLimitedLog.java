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
        long now = System.nanoTime();
        long due = next.get();
        if (now - due < 0 || !next.compareAndSet(due, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        String detail = cause.getMessage() == null ? "" : Printable.of(cause.getMessage());
        log.warn(message + (skipped > 0 ? " (" + skipped + " more since the last report)" : ""),
                cause.getClass().getSimpleName(), detail);
    }
}
