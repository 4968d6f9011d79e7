package dev.beamplayground.visit;

import dev.beamplayground.store.VisitLedger.Visits;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Where GetSnippet counts a visit instead of committing to the snippet's entity: a counter and a last-visit
 * time per snippet id that absorb any read rate. {@link VisitFlush} folds them into the store. A flush works
 * on a frozen batch: {@link #claim} moves what was counted so far aside (visits go on being counted anew),
 * and the batch stays until {@link #finish}, so a flush that dies half way is resumed on the same batch.
 * Ids are validated snippet ids: the buffer uses them as hash fields, never as keys.
 */
public interface VisitBuffer {

    /**
     * Counts one visit of a snippet at {@code at}. Never fails the read that calls it: a visit the buffer
     * cannot take (Redis unreachable) is logged, at most once a minute, and lost.
     */
    void record(String snippetId, Instant at);

    /**
     * The batch being flushed: the one a previous flush left unfinished, else what was counted so far, frozen
     * now with {@code chunkSize} as its chunk size (kept with it, so that a resumed flush cuts the same
     * chunks); empty when nothing was counted.
     */
    Optional<Batch> claim(int chunkSize);

    /** The visits of a batch, by snippet id in the order the chunks are cut. */
    SortedMap<String, Visits> entries(Batch batch);

    /** Drops a batch once all of it is in the store; false when it was no longer the current batch. */
    boolean finish(Batch batch);

    /** Those of {@code snippetIds} with visits not yet in the store (counted, or in an unfinished batch). */
    Set<String> withPendingVisits(Collection<String> snippetIds);

    /**
     * @param id        increases with every batch
     * @param chunkSize snippets per store transaction
     */
    record Batch(long id, int chunkSize) {
    }
}
