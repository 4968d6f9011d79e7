package dev.beamplayground.maintenance;

import dev.beamplayground.domain.Origin;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.PlaygroundStore.StaleSnippet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;

/**
 * The cleanup's dry run: what {@link StaleSnippetCleanup} would remove with the same cutoff, without removing
 * anything. Snippets with visits still in the visit buffer are left out, as the real run keeps them (its flush
 * makes them recent first). The ids come in the order the real run deletes them: least recently visited first.
 */
public final class CleanupPreview {
    /** Lower bounds, in days since the last visit, of the age classes reported (the first is the cutoff's). */
    private static final List<Integer> AGE_FLOORS_DAYS = List.of(180, 365, 730);
    private static final int PENDING_CHECK = 1000;
    private static final Comparator<StaleSnippet> DELETION_ORDER =
            Comparator.comparing(StaleSnippet::lastVisited).thenComparing(StaleSnippet::id);

    private final PlaygroundStore store;
    private final Function<Collection<String>, Set<String>> pendingVisits;

    /** @param pendingVisits those of the ids with visits not yet in the store */
    public CleanupPreview(PlaygroundStore store, Function<Collection<String>, Set<String>> pendingVisits) {
        this.store = store;
        this.pendingVisits = pendingVisits;
    }

    /**
     * @param now        the time of the run
     * @param staleAfter how long unvisited before a snippet goes
     * @param firstIds   how many ids to list
     */
    public Report run(Instant now, Duration staleAfter, int firstIds) {
        Instant cutoff = now.minus(staleAfter);
        Tally tally = new Tally(now, staleAfter, firstIds);
        List<StaleSnippet> unchecked = new ArrayList<>();
        store.forEachStaleUserSnippet(cutoff, s -> {
            unchecked.add(s);
            if (unchecked.size() == PENDING_CHECK) {
                tally.addAll(unchecked, pendingVisits.apply(unchecked.stream().map(StaleSnippet::id).toList()));
                unchecked.clear();
            }
        });
        if (!unchecked.isEmpty()) {
            tally.addAll(unchecked, pendingVisits.apply(unchecked.stream().map(StaleSnippet::id).toList()));
        }
        return tally.report(cutoff);
    }

    private static final class Tally {
        private final Instant now;
        private final int firstIds;
        private final Map<Origin, Long> byOrigin = new EnumMap<>(Origin.class);
        private final Map<String, Long> byAge = new LinkedHashMap<>();
        private final List<Integer> floors = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();
        /** The firstIds earliest in deletion order, the latest of them on top. */
        private final PriorityQueue<StaleSnippet> first;
        private long total;
        private long keptForVisits;

        Tally(Instant now, Duration staleAfter, int firstIds) {
            this.now = now;
            this.firstIds = firstIds;
            this.first = new PriorityQueue<>(DELETION_ORDER.reversed());
            int staleDays = (int) staleAfter.toDays();
            floors.add(staleDays);
            AGE_FLOORS_DAYS.stream().filter(d -> d > staleDays).forEach(floors::add);
            for (int i = 0; i < floors.size(); i++) {
                labels.add(i + 1 < floors.size() ? floors.get(i) + "-" + (floors.get(i + 1) - 1) + "d"
                        : floors.get(i) + "d+");
                byAge.put(labels.get(i), 0L);
            }
        }

        void addAll(List<StaleSnippet> snippets, Set<String> pending) {
            for (StaleSnippet s : snippets) {
                if (pending.contains(s.id())) {
                    keptForVisits++;
                    continue;
                }
                total++;
                byOrigin.merge(s.origin(), 1L, Long::sum);
                long days = Duration.between(s.lastVisited(), now).toDays();
                int k = 0;
                while (k + 1 < floors.size() && days >= floors.get(k + 1)) {
                    k++;
                }
                byAge.merge(labels.get(k), 1L, Long::sum);
                first.add(s);
                if (first.size() > firstIds) {
                    first.poll();
                }
            }
        }

        Report report(Instant cutoff) {
            List<StaleSnippet> ids = new ArrayList<>(first);
            ids.sort(DELETION_ORDER);
            return new Report(cutoff, total, byOrigin, byAge, ids.stream().map(StaleSnippet::id).toList(),
                    keptForVisits);
        }
    }

    /**
     * @param cutoff        snippets last visited before this are stale
     * @param wouldDelete   how many the cleanup would delete
     * @param byOrigin      of those, per origin
     * @param byAge         of those, per class of days since the last visit ({@code 100-179d}, ..., {@code 730d+})
     * @param firstIds      the first of them in deletion order (least recently visited first)
     * @param keptForVisits stale in the store but with visits in the buffer: kept
     */
    public record Report(Instant cutoff, long wouldDelete, Map<Origin, Long> byOrigin, Map<String, Long> byAge,
                         List<String> firstIds, long keptForVisits) {
    }
}
