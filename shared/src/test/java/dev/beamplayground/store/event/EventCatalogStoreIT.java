package dev.beamplayground.store.event;

import dev.beamplayground.store.CatalogStoreContract;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The catalog contract against the event backend on a real, fsyncing redis-server; a stream per test. */
class EventCatalogStoreIT extends CatalogStoreContract {
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.startDurable();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private final String stream = "catalog" + STREAMS.incrementAndGet();

    @Override
    protected PlaygroundStore newStore(Codecs codecs) {
        return Backends.select(EventTestSupport.config(redis, stream), Map.of()).open(codecs);
    }

    /** After every test: the view it left agrees with a replay of the log. */
    @AfterEach
    void viewMatchesLog() {
        EventTestSupport.assertViewMatchesLog(redis, stream);
    }
}
