package dev.beamplayground.store;

import java.time.Instant;
import java.util.Map;

/**
 * A store role: adding visits counted elsewhere (a buffer that absorbs a hot snippet's reads) to
 * {@code visitCount} and {@code lVisited} of {@code pg_snippets}, exactly once per marked chunk.
 * A backend without it keeps counting each visit in {@link SnippetStore#visitSnippet}.
 */
public interface VisitLedger {

    /** Visits of one snippet: how many, and the latest. */
    record Visits(long count, Instant last) {
        public Visits {
            if (count < 1) {
                throw new IllegalArgumentException("a buffered visit count is at least 1");
            }
        }
    }

    /**
     * Most snippets in one {@link #addVisits} call: with the mark, one Datastore commit of at most 500
     * mutations.
     */
    int MAX_VISIT_CHUNK = 499;

    /**
     * In one transaction: unless {@code mark} is already recorded, adds each snippet's count to its
     * {@code visitCount}, sets {@code lVisited} to the later of the stored and the buffered time, and
     * records {@code mark}. Snippets that no longer exist are skipped. Running it again with the same
     * mark changes nothing, which is what makes a retried flush count each visit once.
     *
     * @param mark   names the chunk (a printable key of at most 500 characters)
     * @param visits at most {@link #MAX_VISIT_CHUNK} snippets
     * @return false when the mark was recorded already (nothing was added)
     */
    boolean addVisits(String mark, Map<String, Visits> visits, Instant now);

    /** Removes the marks recorded before {@code before}. @return how many */
    int forgetVisitMarks(Instant before);
}
