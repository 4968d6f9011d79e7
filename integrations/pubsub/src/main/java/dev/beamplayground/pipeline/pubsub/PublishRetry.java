package dev.beamplayground.pipeline.pubsub;

import dev.beamplayground.googlerest.RestEndpoint;
import dev.beamplayground.time.Pacer;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Posts a publish until Pub/Sub accepts it, all of it within {@code cancel.publish-timeout}: answers that may pass
 * (429, 500, 502, 503, 504, no answer at all) are tried again after a pause that doubles from
 * {@value #FIRST_PAUSE_MILLIS} ms up to {@value #MAX_PAUSE_MILLIS} ms while time is left after the pause; any other refusal
 * ends it at once. A body that stops mid-way ends at the read timeout, up to that time again (see {@link RestEndpoint}).
 */
final class PublishRetry implements AutoCloseable {
    static final long FIRST_PAUSE_MILLIS = 50;
    static final long MAX_PAUSE_MILLIS = 1_000;
    /** Statuses Google's clients retry for publish. */
    static final Set<Integer> TRANSIENT = Set.of(429, 500, 502, 503, 504);

    private final RestEndpoint post;
    private final Duration timeout;
    private final Pacer pacer;

    PublishRetry(RestEndpoint post, Duration timeout, Pacer pacer) {
        this.post = post;
        this.timeout = timeout;
        this.pacer = pacer;
    }

    /**
     * Returns once Pub/Sub answered with message ids.
     *
     * @throws PublishException refused, or not accepted in time
     * @throws InterruptedException interrupted in a pause
     */
    void publish(byte[] body) throws PublishException, InterruptedException {
        long deadline = pacer.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            IOException failure;
            try {
                RestEndpoint.Answer answer = post.post(body, () -> millisLeft(deadline));
                if (answer.status() == 200 && answer.body().contains("\"messageIds\"")) {
                    return;
                }
                if (answer.status() != 200 && !TRANSIENT.contains(answer.status())) {
                    throw PublishException.refused(answer.status());
                }
                failure = new IOException("Pub/Sub answered HTTP " + answer.status()
                        + (answer.status() == 200 ? " without message ids" : ""));
            } catch (IOException e) {
                failure = e;
            }
            if (millisLeft(deadline) <= pause) { // no time for another attempt after the pause
                throw PublishException.outOfTime(timeout.toMillis(), failure);
            }
            pacer.pause(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }

    @Override
    public void close() {
        post.close();
    }

    private long millisLeft(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - pacer.nanoTime());
    }
}
