package dev.beamplayground.pipeline.pubsub;

import dev.beamplayground.time.Pacer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when the code under test pauses: the pauses are recorded, nothing waits. */
final class FakePacer implements Pacer {
    private volatile long now = 1_000_000_000L;
    final List<Long> pauses = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void pause(long millis) {
        pauses.add(millis);
        now += millis * 1_000_000L;
    }

    long pausedMillis() {
        return pauses.stream().mapToLong(Long::longValue).sum();
    }
}
