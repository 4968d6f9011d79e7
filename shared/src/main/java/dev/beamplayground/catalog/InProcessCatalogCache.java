package dev.beamplayground.catalog;

import dev.beamplayground.config.RedisConfigured;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * No shared cache (no Redis configured, e.g. the local run): the catalog service keeps the serialized
 * catalog in memory and checks it against the store's catalog version on each request (one small read).
 */
@Singleton
@Requires(condition = RedisConfigured.Absent.class)
public class InProcessCatalogCache implements CatalogCache {
    @Override
    public Probe probe() {
        return Probe.NO_SHARED_CACHE;
    }

    @Override
    public Optional<Entry> read(long version) {
        return Optional.empty();
    }

    @Override
    public Turn takeTurn(long version, TurnMode mode) {
        return Turn.NO_LOCK; // one process: the service's own single flight is enough
    }

    @Override
    public void endTurn(long version, long token) {
        // No turn was taken.
    }

    @Override
    public Written write(long version, Entry entry, long token, boolean claim) {
        return Written.NOT_STORED; // nothing shared to write: the service's memory is the cache
    }

    @Override
    public void beginLoad() {
        // Readers compare with the store's version, which the load bumps last.
    }

    @Override
    public void publish(long version) {
        // As above.
    }

    @Override
    public boolean publishIfUnchanged(Probe seen, long version) {
        return false; // nothing shared to bring up to date
    }
}
