package dev.beamplayground.catalog;

import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.store.CatalogStore;
import dev.beamplayground.store.LoadedExample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replaces the stored catalog with a new one: announces the load to the cache (readers go to the store),
 * writes SDKs, datasets and examples, deletes the examples that disappeared, bumps the catalog version, writes the
 * new version's cache entry and publishes it. A load that stops half-way leaves the cache announcing a load, so
 * nothing old is served from it; running the load again completes it.
 */
public final class CatalogPublisher {
    /** Examples handed to the store at a time; the store batches further within its own limits. */
    static final int CHUNK = 100;

    private final CatalogStore store;
    private final CatalogCache cache;

    public CatalogPublisher(CatalogStore store, CatalogCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /** The outcome of a load. */
    public record Result(long version, int written, int deleted) {
    }

    /**
     * @param examples the whole new catalog (origin {@code PG_EXAMPLES}), ids unique
     * @param datasets the datasets the examples use
     * @param defaults ids of the examples shown first for their SDK, at most one per SDK
     */
    public Result publish(List<LoadedExample> examples, List<Dataset> datasets, Set<String> defaults) {
        Set<String> ids = new HashSet<>();
        for (LoadedExample e : examples) {
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException("two examples have the id " + e.id());
            }
            if (e.example().origin() != Origin.PG_EXAMPLES) {
                throw new IllegalArgumentException("the catalog holds examples of origin PG_EXAMPLES only: " + e.id());
            }
        }
        Objects.requireNonNull(datasets, "datasets");
        if (!ids.containsAll(defaults)) {
            throw new IllegalArgumentException("a default example is not in the catalog");
        }
        List<SdkInfo> sdks = sdks(examples, defaults);
        cache.beginLoad();
        store.saveDatasets(datasets);
        for (int from = 0; from < examples.size(); from += CHUNK) {
            store.saveExamples(examples.subList(from, Math.min(examples.size(), from + CHUNK)));
        }
        Set<String> gone = new TreeSet<>(store.exampleIds(Origin.PG_EXAMPLES));
        gone.removeAll(ids);
        int deleted = gone.isEmpty() ? 0 : store.deleteExamples(gone);
        store.saveSdks(sdks);
        long version = store.bumpCatalogVersion();
        writeEntry(store, cache, version, false);
        cache.publish(version);
        return new Result(version, examples.size(), deleted);
    }

    /**
     * Builds the entry of {@code version} from the store and writes it to the shared cache before anyone publishes
     * that version, so readers of a freshly published version find it and none of them builds. The turn is taken
     * over from any reader building it (its write is then refused by the fence). Without a shared cache, nothing.
     *
     * @param claim also publish the version if none is (the cache was emptied), as {@link CatalogCache#write} does
     * @return the version the entry holds (the store's at the build; {@code version} unless another load bumped it)
     */
    static long writeEntry(CatalogStore store, CatalogCache cache, long version, boolean claim) {
        CatalogCache.Turn turn = cache.takeTurn(version, CatalogCache.TurnMode.FORCE);
        if (turn.kind() != CatalogCache.Turn.Kind.MINE) {
            return version;
        }
        try {
            CatalogView view = CatalogView.build(store.readCatalog());
            if (cache.write(view.version(), view.toEntry(), turn.token(), claim) == CatalogCache.Written.NOT_STORED) {
                throw new UnavailableException("the catalog cache (Redis) failed while the catalog entry was written;"
                        + " nothing was published, run the load again", Duration.ofSeconds(5), null);
            }
            return view.version();
        } finally {
            cache.endTurn(version, turn.token());
        }
    }

    /** Every SDK, with the default example the catalog names for it ("" when none, clearing an old one). */
    private static List<SdkInfo> sdks(List<LoadedExample> examples, Set<String> defaultIds) {
        Map<Sdk, String> defaults = new EnumMap<>(Sdk.class);
        for (LoadedExample e : examples) {
            if (defaultIds.contains(e.id()) && defaults.putIfAbsent(e.example().sdk(), e.example().name()) != null) {
                throw new IllegalArgumentException("two default examples for " + e.example().sdk());
            }
        }
        List<SdkInfo> out = new ArrayList<>();
        for (Sdk sdk : Sdk.values()) {
            out.add(new SdkInfo(sdk, defaults.getOrDefault(sdk, "")));
        }
        return out;
    }
}
