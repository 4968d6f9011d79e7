package dev.beamplayground.config;

import dev.beamplayground.catalog.CatalogCache;
import dev.beamplayground.catalog.CatalogPublisher;
import dev.beamplayground.catalog.CatalogService;
import dev.beamplayground.catalog.CatalogVersionSync;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.time.Pacer;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires the catalog's read side, its loader; the cache is Redis or in-process by configuration. */
@Factory
public class CatalogFactory {

    @Singleton
    CatalogService catalogService(PlaygroundStore store, CatalogCache cache, CatalogConfiguration configuration) {
        return new CatalogService(store, store, cache, configuration.getBuildWait(), configuration.getBuildPoll(),
                Pacer.SYSTEM);
    }

    @Singleton
    CatalogPublisher catalogPublisher(PlaygroundStore store, CatalogCache cache) {
        return new CatalogPublisher(store, cache);
    }

    @Singleton
    CatalogVersionSync catalogVersionSync(PlaygroundStore store, CatalogCache cache) {
        return new CatalogVersionSync(store, cache);
    }
}
