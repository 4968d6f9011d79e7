package dev.beamplayground.catalog.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamplayground.catalog.CatalogCache;
import dev.beamplayground.catalog.CatalogCache.Entry;
import dev.beamplayground.catalog.CatalogCache.Probe;
import dev.beamplayground.catalog.CatalogCache.Turn;
import dev.beamplayground.catalog.CatalogCache.TurnMode;
import dev.beamplayground.catalog.CatalogCache.Written;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.redis.RedisUnavailableException;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two error policies of the catalog cache on a real redis-server: what requests call falls back to the store
 * on every Redis failure, what the loader calls throws it, translated by {@code RedisFailures} (503 when Redis is
 * away, 500 for a fault of ours).
 */
@ExtendWith(RedisServerExtension.class)
class RedisCatalogCacheFailuresIT {
    @TempDir
    Path dir;

    private RedisServer redis;
    private ApplicationContext context;
    private CatalogCache cache;

    @BeforeEach
    void start(RedisServer redis) {
        this.redis = redis;
        redis.flushAll();
        context = ApplicationContext.run(Map.of(
                "backend.module", "sqlite",
                "backend.path", dir.resolve("catalog.db").toString(),
                "redis.uri", redis.uri()));
        cache = context.getBean(CatalogCache.class);
    }

    @AfterEach
    void stop() {
        context.close();
        if (!redis.isRunning()) {
            redis.restart();
        }
    }

    @Test
    void redisAwayFallsBackForRequestsAndIsUnavailableToTheLoader() {
        cache.beginLoad();
        cache.publish(1); // connected before Redis goes
        redis.stop();
        assertEquals(Probe.UNAVAILABLE, cache.freshProbe());
        assertEquals(Optional.empty(), cache.read(1));
        assertEquals(Turn.NO_LOCK, cache.takeTurn(1, TurnMode.READ));
        assertEquals(Written.NOT_STORED, cache.write(1, entry(), 0, false));
        assertThrows(RedisUnavailableException.class, cache::beginLoad);
        assertThrows(RedisUnavailableException.class, () -> cache.publish(2));
    }

    @Test
    void aFaultOfOursFallsBackForRequestsAndIsInternalToTheLoader() {
        // Values of the wrong type: every command on them is refused (WRONGTYPE), which is no passing state.
        redis.command("HSET", "CATALOG_VERSION", "f", "1");
        redis.command("HSET", "EXAMPLES_CATALOG", "f", "1");
        assertEquals(Optional.empty(), cache.read(1));
        assertEquals(Probe.UNAVAILABLE, cache.freshProbe());
        assertThrows(InternalException.class, cache::beginLoad);
        assertThrows(InternalException.class, () -> cache.publishIfUnchanged(Probe.ABSENT, 1));
    }

    private static Entry entry() {
        return new Entry("{}".getBytes(StandardCharsets.UTF_8), "[]", Map.of());
    }
}
