package dev.beamplayground.function.maintenance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.CatalogFixtures;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.PubSubCloudEvent;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import dev.beamplayground.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The catalog version's sync runs beside the snippets' maintenance (real Redis, each backend): when the event has
 * been handled, both are done: the emptied cache holds the store's version with its entry, and the stale snippet is
 * gone.
 */
@ExtendWith({DatastoreEmulatorExtension.class, RedisServerExtension.class})
class MaintenanceCatalogVersionIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void anEventIsHandledOnceTheCatalogVersionIsInTheCacheAndTheSnippetsAreMaintained(TestBackend backend,
            DatastoreEmulator emulator, RedisServer redis) throws Exception {
        redis.flushAll();
        Map<String, Object> properties = new HashMap<>(backend.properties(emulator, dir));
        properties.put("redis.uri", redis.uri());
        TestMaintenanceFunction function = new TestMaintenanceFunction(properties);
        try {
            PlaygroundStore store = function.bean(PlaygroundStore.class);
            store.saveExamples(List.of(CatalogFixtures.example(Sdk.SDK_GO, "Hello", "Basics")));
            long version = store.bumpCatalogVersion();
            Instant longAgo = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
            store.saveSnippet(new Snippet("staleUser1", Sdk.SDK_GO, "", Complexity.COMPLEXITY_BASIC, "",
                    Origin.PG_USER, "", longAgo, longAgo, 0, SchemaVersion.CURRENT,
                    List.of(new SnippetFile("main.go", "package main", true, 0)), List.of()));

            function.accept(new PubSubCloudEvent("event-1", "//pubsub.googleapis.com/projects/p/topics/maintenance",
                    "{\"message\":{\"data\":\"e30=\",\"messageId\":\"1\"},\"subscription\":\"s\"}"
                            .getBytes(StandardCharsets.UTF_8)));

            String published = redis.command("GET", "CATALOG_VERSION");
            assertTrue(published.startsWith(version + ":"), "the store's version is published: " + published);
            assertTrue(redis.command("GET", "EXAMPLES_CATALOG").startsWith(version + ":{"),
                    "with the version's entry");
            assertTrue(store.findSnippet("staleUser1").isEmpty(), "the stale user snippet is removed");
        } finally {
            function.close();
        }
    }
}
