package dev.beamplayground.maintenance;

import dev.beamplayground.store.SnippetStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Removes user snippets (PG_USER, TB_USER) not visited for a while, each with its files in one
 * transaction, in batches, least recently visited first. A snippet visited between the query and the
 * deletion is kept: the store tests staleness again inside the deleting transaction.
 */
public final class StaleSnippetCleanup {
    private final SnippetStore store;
    private final Function<Collection<String>, Set<String>> pendingVisits;

    /** Without a visit buffer: every visit is in the store already. */
    public StaleSnippetCleanup(SnippetStore store) {
        this(store, ids -> Set.of());
    }

    /**
     * @param pendingVisits those of the ids with visits in the visit buffer, not yet in the store: read since
     *                      the last flush, so not stale whatever the store says
     */
    public StaleSnippetCleanup(SnippetStore store, Function<Collection<String>, Set<String>> pendingVisits) {
        this.store = store;
        this.pendingVisits = pendingVisits;
    }

    /**
     * @param clock      the time of the run and of the deadline
     * @param staleAfter how long unvisited before a snippet goes
     * @param batchSize  snippets per query and deletion round
     * @param deadline   no new round starts after this
     */
    public CleanupReport run(Clock clock, Duration staleAfter, int batchSize, Instant deadline) {
        Instant cutoff = clock.instant().minus(staleAfter);
        long found = 0;
        long deleted = 0;
        while (!clock.instant().isAfter(deadline)) {
            List<String> ids = store.staleUserSnippetIds(cutoff, batchSize);
            if (ids.isEmpty()) {
                return new CleanupReport(cutoff, found, deleted, true);
            }
            Set<String> visited = pendingVisits.apply(ids);
            List<String> stale = ids.stream().filter(id -> !visited.contains(id)).toList();
            found += stale.size();
            int removed = stale.isEmpty() ? 0 : store.deleteStaleUserSnippets(stale, cutoff);
            deleted += removed;
            if (removed == 0) {
                // Every one of them was visited meanwhile (in the store, or in the buffer: kept until a flush
                // makes them recent); stop rather than spin on them.
                return new CleanupReport(cutoff, found, deleted, false);
            }
        }
        return new CleanupReport(cutoff, found, deleted, false);
    }

    /**
     * @param cutoff   snippets last visited before this were stale
     * @param found    stale snippets found
     * @param deleted  snippets deleted with their files
     * @param complete no stale snippet was left when it stopped
     */
    public record CleanupReport(Instant cutoff, long found, long deleted, boolean complete) {
    }
}
