package dev.beamplayground.function.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.PubSubCloudEvent;
import dev.beamplayground.testing.TestBackend;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The function as Cloud Functions runs it: constructed without arguments, handed a Pub/Sub CloudEvent.
 * On each backend it applies the schema versions and removes stale user snippets with their files.
 */
@ExtendWith(DatastoreEmulatorExtension.class)
class MaintenanceFunctionIT {


    @TempDir
    Path dir;

    private static Snippet snippet(String id, Origin origin, int files, Instant lastVisited) {
        List<SnippetFile> list = java.util.stream.IntStream.range(0, files)
                .mapToObj(i -> new SnippetFile("f" + i + ".go", "package main // " + id, i == 0, 0)).toList();
        return new Snippet(id, Sdk.SDK_GO, "", Complexity.COMPLEXITY_BASIC, "", origin, "", lastVisited, lastVisited, 0,
                SchemaVersion.CURRENT, list, List.of());
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void aScheduledMessageMigratesAndRemovesStaleUserSnippetsWithTheirFiles(TestBackend backend, DatastoreEmulator emulator)
            throws Exception {
        Map<String, Object> properties = new java.util.HashMap<>(backend.properties(emulator, dir));
        properties.put("maintenance.batch-size", "3");
        TestMaintenanceFunction function = new TestMaintenanceFunction(properties);
        try {
            PlaygroundStore store = function.bean(PlaygroundStore.class);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 7; i++) {
                store.saveSnippet(snippet("stale" + i, i % 2 == 0 ? Origin.PG_USER : Origin.TB_USER, 2,
                        now.minus(100 + i, ChronoUnit.DAYS).minusSeconds(1)));
            }
            store.saveSnippet(snippet("fresh", Origin.PG_USER, 1, now.minus(99, ChronoUnit.DAYS)));
            store.saveSnippet(snippet("SDK_GO_Example", Origin.PG_SNIPPETS, 3, now.minus(400, ChronoUnit.DAYS)));

            function.accept(event("{\"message\":{\"data\":\"e30=\",\"messageId\":\"1\"},"
                    + "\"subscription\":\"projects/p/subscriptions/maintenance\"}"));

            assertEquals(2, store.countSnippets());
            assertEquals(1 + 3, store.countFiles(), "no orphaned files");
            assertTrue(store.findSnippet("fresh").isPresent());
            assertTrue(store.findSnippet("SDK_GO_Example").isPresent());
            assertEquals(Set.of("0.0.1", "0.0.2"), Set.copyOf(store.keysAfter(SchemaVersion.KIND, "", 10)));
            assertEquals(4, store.keysAfter(Sdk.KIND, "", 10).size());

            // A second delivery (Pub/Sub delivers at least once) finds nothing to do; unreadable data still runs.
            function.accept(event("not json"));
            assertEquals(2, store.countSnippets());
            assertEquals(4, store.countFiles());
        } finally {
            function.close();
        }
    }

    private static CloudEvent event(String json) {
        return new PubSubCloudEvent("event-1", "//pubsub.googleapis.com/projects/p/topics/maintenance",
                json.getBytes(StandardCharsets.UTF_8));
    }
}
