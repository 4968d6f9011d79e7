package dev.beamplayground.store.event;

import dev.beamplayground.store.CatalogStoreContract;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.RedisServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The catalog contract against the event backend on a real, fsyncing redis-server; a stream per test. */
class EventCatalogStoreIT extends CatalogStoreContract {
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(EventTestSupport.DURABLE);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected PlaygroundStore newStore() {
        return EventTestSupport.open(redis, "catalog" + STREAMS.incrementAndGet());
    }
}
