package dev.beamplayground.store.event;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.VersioningContract;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Versioned objects, migrations and cleanup on the event backend: the stores a test opens (its code
 * versions) share one stream, as instances of two releases share one log during an upgrade.
 */
class EventVersioningIT extends VersioningContract {
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static RedisServer redis;

    private String stream;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.startDurable();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void newStream() {
        stream = "versioning" + STREAMS.incrementAndGet();
    }

    @Override
    protected PlaygroundStore openStore(Codecs codecs) {
        return Backends.select(EventTestSupport.config(redis, stream), Map.of()).open(codecs);
    }

    /** After every test: the view it left agrees with a replay of the log. */
    @AfterEach
    void viewMatchesLog() {
        EventTestSupport.assertViewMatchesLog(redis, stream);
    }
}
