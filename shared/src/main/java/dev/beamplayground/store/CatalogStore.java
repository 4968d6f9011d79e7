package dev.beamplayground.store;

import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.SdkInfo;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The example catalog: examples (origin {@link Origin#PG_EXAMPLES}) with their snippets, files and
 * precompiled output, the SDK entities, the datasets, and the catalog version the loader bumps after
 * each load. Writes are batched inside the store's limits; reads of the whole catalog take a bounded
 * number of calls (each backend states how many).
 */
public interface CatalogStore {

    /** The version written by the last completed load; 0 when nothing was ever loaded. One small read. */
    long catalogVersion();

    /**
     * The whole catalog: the version first, then SDKs, examples of origin {@code PG_EXAMPLES}, the parts of
     * their snippets the catalog shows, and the datasets they use. The data is never older than the version.
     */
    CatalogSnapshot readCatalog();

    /** A stored precompiled output of an example; empty when the example has none of that kind. */
    Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind);

    /** Ids of the stored examples of an origin. */
    Set<String> exampleIds(Origin origin);

    /**
     * Writes examples with their snippets (same id), files and precompiled outputs, replacing what was stored
     * under those ids: files beyond the new count and outputs the new example lacks are removed.
     */
    void saveExamples(List<LoadedExample> examples);

    /** Deletes examples with their snippets, files and precompiled outputs; unknown ids are skipped. */
    int deleteExamples(Collection<String> ids);

    /** Writes (replaces) SDK entities. */
    void saveSdks(List<SdkInfo> sdks);

    /** Writes (replaces) dataset entities. */
    void saveDatasets(List<Dataset> datasets);

    /** Increments the catalog version atomically and returns the new value. */
    long bumpCatalogVersion();
}
