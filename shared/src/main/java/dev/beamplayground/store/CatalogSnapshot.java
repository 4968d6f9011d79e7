package dev.beamplayground.store;

import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.SdkInfo;
import java.util.List;

/**
 * The catalog as read from the store.
 *
 * @param version  the catalog version read before the data (the data is at least this new)
 * @param sdks     the SDK entities
 * @param items    the examples, in no particular order
 * @param datasets the datasets the examples refer to
 */
public record CatalogSnapshot(long version, List<SdkInfo> sdks, List<CatalogItem> items, List<Dataset> datasets) {
    public CatalogSnapshot {
        sdks = List.copyOf(sdks);
        items = List.copyOf(items);
        datasets = List.copyOf(datasets);
    }
}
