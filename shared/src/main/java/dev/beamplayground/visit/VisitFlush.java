package dev.beamplayground.visit;

import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.store.VisitLedger.Visits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Folds the buffered visits into {@code visitCount}/{@code lVisited} of the stored snippets, in chunks of
 * one transaction each. Idempotent: each chunk is recorded in the store by a mark ({@code v<batch>-<first id>})
 * in its own transaction, and a batch's chunks are cut the same way every time (ids in order, the chunk size
 * frozen with the batch), so a flush killed half way and run again skips the chunks it had added and adds the
 * rest: every visit is counted once. Marks older than {@link #MARK_RETENTION} are removed afterwards; a flush
 * still working on a batch that old does not exist (a maintenance run stops within minutes).
 */
public final class VisitFlush {
    /** How long a chunk's mark is kept. */
    public static final Duration MARK_RETENTION = Duration.ofDays(1);

    private final VisitBuffer buffer;
    private final VisitLedger ledger;
    private final Clock clock;

    public VisitFlush(VisitBuffer buffer, VisitLedger ledger, Clock clock) {
        this.buffer = buffer;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param chunkSize snippets per transaction (at most {@link VisitLedger#MAX_VISIT_CHUNK}); a resumed
     *                  batch keeps the size it was claimed with
     * @param deadline  no new chunk starts after this; the next flush resumes the batch
     */
    public Report run(int chunkSize, Instant deadline) {
        if (chunkSize < 1 || chunkSize > VisitLedger.MAX_VISIT_CHUNK) {
            throw new IllegalArgumentException("visit chunk size must be 1 to " + VisitLedger.MAX_VISIT_CHUNK);
        }
        Optional<VisitBuffer.Batch> claimed = buffer.claim(chunkSize);
        if (claimed.isEmpty()) {
            return new Report(0, 0, 0, 0, 0, true);
        }
        VisitBuffer.Batch batch = claimed.get();
        SortedMap<String, Visits> entries = buffer.entries(batch);
        long visits = entries.values().stream().mapToLong(Visits::count).sum();
        int added = 0;
        int skipped = 0;
        for (Map<String, Visits> chunk : chunks(entries, batch.chunkSize())) {
            if (clock.instant().isAfter(deadline)) {
                return new Report(batch.id(), entries.size(), visits, added, skipped, false);
            }
            String mark = "v" + batch.id() + "-" + chunk.keySet().iterator().next();
            if (ledger.addVisits(mark, chunk, clock.instant())) {
                added++;
            } else {
                skipped++;
            }
        }
        // Dropped from the buffer first: a mark removed before the batch would let a late retry add it again.
        buffer.finish(batch);
        ledger.forgetVisitMarks(clock.instant().minus(MARK_RETENTION));
        return new Report(batch.id(), entries.size(), visits, added, skipped, true);
    }

    /** Consecutive runs of {@code size} ids in order: the same chunks for the same batch every time. */
    private static List<Map<String, Visits>> chunks(SortedMap<String, Visits> entries, int size) {
        List<Map<String, Visits>> chunks = new ArrayList<>();
        Map<String, Visits> chunk = new LinkedHashMap<>();
        for (Map.Entry<String, Visits> e : entries.entrySet()) {
            chunk.put(e.getKey(), e.getValue());
            if (chunk.size() == size) {
                chunks.add(chunk);
                chunk = new LinkedHashMap<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * @param batch         the batch flushed (0: nothing was buffered)
     * @param snippets      snippets with buffered visits in it
     * @param visits        visits in it
     * @param chunksAdded   chunks added to the store by this run
     * @param chunksSkipped chunks an earlier, interrupted run had added already
     * @param complete      the whole batch is in the store
     */
    public record Report(long batch, int snippets, long visits, int chunksAdded, int chunksSkipped,
                         boolean complete) {
    }
}
