package dev.beamplayground.store.event;

import dev.beamplayground.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Optimistic writes: read the transaction counter, compute the change on the view as it is at that
 * counter, append it (with its view changes) only if the counter is still the same, else compute again.
 * A write computed on a state that is no longer current is therefore never appended.
 */
final class Writer {
    /** Snippets (or other entities) per transaction in the batched writes. */
    static final int WRITE_BATCH = 500;
    /** Compare-and-append attempts before a write gives up as unavailable. */
    static final int MAX_ATTEMPTS = 200;

    private final View view;
    private final EventLog log;
    private final AtomicLong conflicts = new AtomicLong();

    Writer(View view, EventLog log) {
        this.view = view;
        this.log = log;
    }

    /** What a write appends and what it answers; no events: nothing to append. */
    record Change<T>(List<Event> events, T result) {
    }

    @FunctionalInterface
    interface Plan<T> {
        Change<T> compute(Reads reads);
    }

    /** Appends the other writers made us compute a write again: a measure of contention. */
    long conflicts() {
        return conflicts.get();
    }

    <T> T write(Plan<T> plan) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long seq = view.seq(); // first: everything read after it is current if the counter still matches
            Reads reads = new Reads(view);
            Change<T> change = plan.compute(reads);
            if (change.events().isEmpty()) {
                return change.result();
            }
            Optional<EventLog.Appended> appended = log.append(seq, Transaction.of(log, view.keys(), change.events(), reads));
            if (appended.isPresent()) {
                return change.result();
            }
            conflicts.incrementAndGet();
        }
        throw new StoreUnavailableException("the event log kept changing under this write", null);
    }

    /** Consecutive slices of at most {@link #WRITE_BATCH} elements: one transaction each. */
    static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += WRITE_BATCH) {
            out.add(all.subList(from, Math.min(all.size(), from + WRITE_BATCH)));
        }
        return out;
    }
}
