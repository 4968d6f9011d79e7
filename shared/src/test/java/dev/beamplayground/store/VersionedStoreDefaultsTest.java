package dev.beamplayground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyBag;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The paging of {@link VersionedStore}'s defaults, which the SQLite and event backends use: a page is short only at
 * the end, also when keys are removed between the key listing and the reads.
 */
class VersionedStoreDefaultsTest {

    /** Keys {@code k01..k10}; those in {@code removed} are listed by {@link #keysAfter} but gone when read. */
    private static final class ListedButRemoved implements VersionedStore {
        final TreeSet<String> keys = new TreeSet<>();
        final Set<String> removed;
        final List<Integer> listings = new ArrayList<>();

        ListedButRemoved(Set<String> removed) {
            for (int i = 1; i <= 10; i++) {
                keys.add(String.format("k%02d", i));
            }
            this.removed = removed;
        }

        @Override
        public Codecs codecs() {
            return Codecs.current();
        }

        @Override
        public Optional<VersionedObject> read(String kind, String key) {
            return keys.contains(key) && !removed.contains(key)
                    ? Optional.of(new VersionedObject(kind, key, ObjectVersion.INITIAL, PropertyBag.builder().build()))
                    : Optional.empty();
        }

        @Override
        public Optional<VersionedObject> write(String kind, String key,
                                               Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> keysAfter(String kind, String afterKey, int limit) {
            listings.add(limit);
            return keys.tailSet(afterKey, false).stream().limit(limit).toList();
        }
    }

    private static List<String> keys(List<VersionedObject> page) {
        return page.stream().map(VersionedObject::key).toList();
    }

    @Test
    void aPageIsFilledFromTheKeysAfterThoseRemovedMeanwhile() {
        ListedButRemoved store = new ListedButRemoved(Set.of("k02", "k03", "k05", "k06", "k07"));

        assertEquals(List.of("k01", "k04", "k08", "k09"), keys(store.readAfter("x", "", 4)));
        assertEquals(List.of(4, 2, 2, 1), store.listings);
        assertEquals(List.of("k10"), keys(store.readAfter("x", "k09", 4)));
        assertEquals(List.of(), keys(store.readAfter("x", "k10", 4)));
    }

    @Test
    void aScanReadsPagesUntilAShortOne() {
        ListedButRemoved store = new ListedButRemoved(Set.of("k02"));
        List<String> seen = new ArrayList<>();

        store.scan("x", 3, o -> seen.add(o.key()));

        assertEquals(List.of("k01", "k03", "k04", "k05", "k06", "k07", "k08", "k09", "k10"), seen);
        // Pages k01..k04 (a listing of 3, then 1 for the removed k02), k05..k07, k08..k10, and the empty page after
        // that full one: a scan ends at a short page, and a full last page needs one more call to tell.
        assertEquals(List.of(3, 1, 3, 3, 3), store.listings);
    }

    @Test
    void aScanStopsWhenTheVisitorSaysSo() {
        ListedButRemoved store = new ListedButRemoved(Set.of());
        List<String> seen = new ArrayList<>();

        store.scan("x", 4, o -> seen.add(o.key()) && seen.size() < 5);

        assertEquals(List.of("k01", "k02", "k03", "k04", "k05"), seen);
        assertEquals(List.of(4, 4), store.listings);
    }
}
