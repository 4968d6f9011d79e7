package dev.beamplayground.function.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.maintenance.CleanupPreview;
import dev.beamplayground.maintenance.MaintenanceService;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.PubSubCloudEvent;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.TestBackend;
import dev.beamplayground.visit.VisitBuffer;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cleanup's dry run through the function, on each backend with the Redis visit buffer: a message with
 * {@code dryRun} deletes nothing and reports the ids, by origin and age, that the real run then deletes — no
 * more, no fewer — leaving out a stale snippet read since the last flush (its visit still in the buffer).
 */
@ExtendWith(DatastoreEmulatorExtension.class)
class MaintenanceDryRunIT {
    private static RedisServer redis;


    @TempDir
    Path dir;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void aDryRunDeletesNothingAndNamesWhatTheRealRunDeletes(TestBackend backend, DatastoreEmulator emulator)
            throws Exception {
        redis.flushAll();
        Map<String, Object> properties = new HashMap<>(backend.properties(emulator, dir));
        properties.put("maintenance.batch-size", "4");
        properties.put("redis.uri", redis.uri());
        TestMaintenanceFunction function = new TestMaintenanceFunction(properties);
        try {
            PlaygroundStore store = function.bean(PlaygroundStore.class);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Set<String> all = new HashSet<>();
            for (int i = 0; i < 11; i++) {
                String id = "stale" + i;
                // 100 to 400 days unvisited: three age classes.
                store.saveSnippet(snippet(id, i % 3 == 0 ? Origin.TB_USER : Origin.PG_USER,
                        now.minus(101 + 30L * i, ChronoUnit.DAYS)));
                all.add(id);
            }
            store.saveSnippet(snippet("fresh", Origin.PG_USER, now.minus(99, ChronoUnit.DAYS)));
            store.saveSnippet(snippet("SDK_GO_Example", Origin.PG_SNIPPETS, now.minus(400, ChronoUnit.DAYS)));
            // Read since the last flush: its visit is in the buffer only.
            function.bean(VisitBuffer.class).record("stale5", now);
            long files = store.countFiles();

            function.accept(event(Map.of("dryRun", "true"), "{\"reason\":\"operator\"}"));
            function.accept(event(Map.of(), "{\"dryRun\":true}"));
            function.accept(event(Map.of("dryRun", "yes"), "{}"));
            function.accept(event(Map.of(), "{\"dryRun\":1}"));
            assertEquals(13, store.countSnippets(), "dry runs and refused flags delete nothing");
            assertEquals(files, store.countFiles());

            CleanupPreview.Report preview = function.bean(MaintenanceService.class).dryRun();
            Set<String> expected = new HashSet<>(all);
            expected.remove("stale5");
            assertEquals(expected, Set.copyOf(preview.firstIds()));
            assertEquals(10, preview.wouldDelete());
            assertEquals(1, preview.keptForVisits());
            assertEquals(Map.of(Origin.PG_USER, 6L, Origin.TB_USER, 4L), preview.byOrigin());
            assertEquals(10, preview.byAge().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(List.of("100-179d", "180-364d", "365-729d", "730d+"), List.copyOf(preview.byAge().keySet()));
            assertEquals(List.of(3L, 5L, 2L, 0L), List.copyOf(preview.byAge().values()));
            List<String> oldestFirst = IntStream.iterate(10, i -> i - 1).limit(11).filter(i -> i != 5)
                    .mapToObj(i -> "stale" + i).toList();
            assertEquals(oldestFirst, preview.firstIds(), "in the order the real run deletes them");
            assertFalse(store.findSnippet("stale5").isEmpty());

            function.accept(event(Map.of("dryRun", "false"), "{\"reason\":\"schedule\"}"));
            Set<String> left = new HashSet<>(all);
            left.add("fresh");
            left.add("SDK_GO_Example");
            Set<String> deleted = left.stream().filter(id -> store.findSnippet(id).isEmpty()).collect(Collectors.toSet());
            assertEquals(Set.copyOf(preview.firstIds()), deleted, "the real run deletes exactly the dry run's ids");
            assertTrue(store.findSnippet("stale5").isPresent(), "the buffered visit was flushed first: stale5 is recent");
            assertEquals(1, store.findSnippet("stale5").orElseThrow().visitCount());
        } finally {
            function.close();
        }
    }

    private static Snippet snippet(String id, Origin origin, Instant lastVisited) {
        List<SnippetFile> files = List.of(new SnippetFile("main.go", "package main // " + id, true, 0));
        return new Snippet(id, Sdk.SDK_GO, "", Complexity.COMPLEXITY_BASIC, "", origin, "", lastVisited, lastVisited, 0,
                SchemaVersion.CURRENT, files, List.of());
    }

    private static CloudEvent event(Map<String, String> attributes, String data) {
        String attrs = attributes.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}"));
        String json = "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
                + "\",\"attributes\":" + attrs + ",\"messageId\":\"1\"},\"subscription\":\"projects/p/subscriptions/m\"}";
        return new PubSubCloudEvent("event-1", "//pubsub.googleapis.com/projects/p/topics/maintenance",
                json.getBytes(StandardCharsets.UTF_8));
    }
}
