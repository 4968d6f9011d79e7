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

    /** Publishes the store's version unless a load is under way or the cache already has it (or a newer one). */
    public Result sync() {
        CatalogCache.Probe seen = cache.freshProbe();
        if (seen.state() != CatalogCache.State.PUBLISHED && seen.state() != CatalogCache.State.ABSENT) {
            return new Result(seen.state(), seen.version(), -1, false);
        }
        long stored = store.catalogVersion();
        if (stored == 0 || (seen.state() == CatalogCache.State.PUBLISHED && seen.version() >= stored)) {
            return new Result(seen.state(), seen.version(), stored, false);
        }
        // The entry first, as a load does, so that no reader of the version published here has to build it.
        long built = CatalogPublisher.writeEntry(store, cache, stored);
        return new Result(seen.state(), seen.version(), built, cache.publishIfUnchanged(seen, built));
    }
}
