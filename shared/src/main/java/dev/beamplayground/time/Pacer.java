package dev.beamplayground.time;

import java.util.concurrent.TimeUnit;

/**
 * The clock and the pause of a wait: the catalog's (a lease, a poll for another instance's build), a retry's back-off
 * (the cancel's publish, Datastore's contended transactions). Production uses the system's; tests pass their own so
 * that they order threads by events, or count the pauses, instead of sleeping.
 */
public interface Pacer {
    Pacer SYSTEM = new Pacer() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void pause(long millis) throws InterruptedException {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
    };

    /** A monotonic time in ns, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits about {@code millis} ms. */
    void pause(long millis) throws InterruptedException;
}
