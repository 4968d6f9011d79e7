package dev.beamplayground.catalog;

import dev.beamplayground.store.CatalogStore;
import java.util.Objects;

/**
 * Brings the shared cache's catalog version up to the store's. A loader that could not reach the shared
 * cache (examples loaded from outside the network Redis lives in) bumps the store's version only; until
 * the cache hears of it, readers keep serving the catalog the cache says is current. The maintenance
 * function runs this after every load the deploy script makes, and on its schedule.
 */
public final class CatalogVersionSync {
    private final CatalogStore store;
    private final CatalogCache cache;

    public CatalogVersionSync(CatalogStore store, CatalogCache cache) {
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /**
     * @param state     what the cache said before
     * @param cached    the version it had published (0 when none)
     * @param stored    the store's catalog version (as built into the cache entry)
     * @param published whether the store's version was published now
     */
    public record Result(CatalogCache.State state, long cached, long stored, boolean published) {
    }

    /**
     * Publishes the store's version unless a load is under way or the cache already has it (or a newer one); over an
     * emptied cache by a claim, as a reader's (published then means: the cache now holds the store's version).
     */
    public Result sync() {
        CatalogCache.Probe seen = cache.freshProbe();
        if (seen.state() != CatalogCache.State.PUBLISHED && seen.state() != CatalogCache.State.ABSENT) {
            return new Result(seen.state(), seen.version(), -1, false);
        }
        long stored = store.catalogVersion();
        if (stored == 0 || (seen.state() == CatalogCache.State.PUBLISHED && seen.version() >= stored)) {
            return new Result(seen.state(), seen.version(), stored, false);
        }
        if (seen.state() == CatalogCache.State.ABSENT) {
            // The cache was emptied: claim the store's version with its entry, as the first reader to find it
            // emptied does. Waiting out a version lease first (as over a published version) would guard nothing
            // that readers' claims do not already skip, and kept maintenance's start a second longer.
            long built = CatalogPublisher.writeEntry(store, cache, stored, true);
            CatalogCache.Probe now = cache.freshProbe();
            return new Result(seen.state(), seen.version(), built,
                    now.state() == CatalogCache.State.PUBLISHED && now.version() == built);
        }
        // The entry first, as a load does, so that no reader of the version published here has to build it.
        long built = CatalogPublisher.writeEntry(store, cache, stored, false);
        return new Result(seen.state(), seen.version(), built, cache.publishIfUnchanged(seen, built));
    }
}
