package dev.beamplayground.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load that bumped the store's catalog version without reaching Redis (the deploy script loads from
 * outside Redis's network) is published by the sync, never over a load in progress; real redis-server.
 */
@ExtendWith(RedisServerExtension.class)
class CatalogVersionSyncIT {
    private static final String VERSION_KEY = "CATALOG_VERSION";

    @TempDir
    Path dir;

    private ApplicationContext context;
    private RedisServer redis;

    @BeforeEach
    void start(RedisServer redis) {
        this.redis = redis;
        redis.flushAll();
        context = ApplicationContext.run(Map.of(
                "backend.module", "sqlite",
                "backend.path", dir.resolve("catalog.db").toString(),
                "redis.uri", redis.uri()));
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void publishesTheStoresVersionWhenTheCacheIsBehindOrEmpty() {
        PlaygroundStore store = context.getBean(PlaygroundStore.class);
        CatalogVersionSync sync = context.getBean(CatalogVersionSync.class);
        store.bumpCatalogVersion();
        redis.command("SET", VERSION_KEY, "1");
        store.bumpCatalogVersion(); // a load the cache did not hear of

        CatalogVersionSync.Result result = sync.sync();
        assertTrue(result.published(), result.toString());
        assertEquals("2:1000", redis.command("GET", VERSION_KEY));
        assertTrue(redis.command("GET", "EXAMPLES_CATALOG").startsWith("2:{"),
                "the entry of the version was written before it was published");
        assertFalse(sync.sync().published(), "already current: nothing to do");

        redis.command("DEL", VERSION_KEY);
        assertTrue(sync.sync().published());
        assertEquals("2:1000", redis.command("GET", VERSION_KEY));
    }

    @Test
    void claimsTheStoresVersionOverAnEmptiedCacheAsAReaderDoesWithoutWaitingALease() {
        context.close();
        context = ApplicationContext.run(Map.of(
                "backend.module", "sqlite",
                "backend.path", dir.resolve("catalog.db").toString(),
                "redis.uri", redis.uri(),
                "catalog.version-lease", "60s"));
        PlaygroundStore store = context.getBean(PlaygroundStore.class);
        CatalogVersionSync sync = context.getBean(CatalogVersionSync.class);
        store.bumpCatalogVersion();

        CatalogVersionSync.Result result = assertTimeoutPreemptively(Duration.ofSeconds(20), sync::sync,
                "a lease of 60 s was waited out");
        assertEquals(new CatalogVersionSync.Result(CatalogCache.State.ABSENT, 0, 1, true), result);
        assertEquals("1:60000", redis.command("GET", VERSION_KEY));
        assertTrue(redis.command("GET", "EXAMPLES_CATALOG").startsWith("1:{"), "with the version's entry");
        assertFalse(sync.sync().published(), "already current: nothing to do");
    }

    @Test
    void neverOverwritesALoadInProgress() {
        PlaygroundStore store = context.getBean(PlaygroundStore.class);
        CatalogVersionSync sync = context.getBean(CatalogVersionSync.class);
        CatalogCache cache = context.getBean(CatalogCache.class);
        store.bumpCatalogVersion();
        redis.command("SET", VERSION_KEY, "loading");

        CatalogVersionSync.Result result = sync.sync();
        assertEquals(CatalogCache.State.LOADING, result.state());
        assertFalse(result.published());
        assertEquals("loading", redis.command("GET", VERSION_KEY));

        // A load that begins between the sync's probe and its write wins.
        assertFalse(cache.publishIfUnchanged(CatalogCache.Probe.ABSENT, 1));
        assertFalse(cache.publishIfUnchanged(CatalogCache.Probe.published(0), 1));
        assertEquals("loading", redis.command("GET", VERSION_KEY));
    }

    @Test
    void nothingToPublishBeforeTheFirstLoad() {
        CatalogVersionSync.Result result = context.getBean(CatalogVersionSync.class).sync();
        assertFalse(result.published());
        assertEquals("$-1", redis.command("GET", VERSION_KEY));
    }
}
