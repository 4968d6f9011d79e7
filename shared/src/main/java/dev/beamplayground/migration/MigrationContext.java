package dev.beamplayground.migration;

import dev.beamplayground.store.PlaygroundStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * What a migration works with: the store (with its codecs and pinned write versions), the batch size,
 * a deadline after which it stops between batches, and a listener told of every object it finished.
 *
 * @param store     the store
 * @param batchSize objects per batch (and per checkpoint)
 * @param deadline  stop starting new batches after this instant
 * @param clock     time for checkpoints and the deadline
 * @param listener  told after each object; may throw to abort the run (a crash, in tests)
 * @param gate      says whether a migration to an object version may start (or go on)
 */
public record MigrationContext(PlaygroundStore store, int batchSize, Instant deadline, Clock clock,
                               Listener listener, MigrationGate gate) {
    /** Hears about each object a migration finished. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (version, key, changed) -> {
        };

        void objectFinished(String version, String key, boolean changed);
    }

    public MigrationContext {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(gate, "gate");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }

    /** Without an instance registry: every migration may start. */
    public MigrationContext(PlaygroundStore store, int batchSize, Instant deadline, Clock clock, Listener listener) {
        this(store, batchSize, deadline, clock, listener, MigrationGate.OPEN);
    }

    boolean pastDeadline() {
        return clock.instant().isAfter(deadline);
    }
}
