package dev.beamplayground.function.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Query;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.PubSubCloudEvent;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.PubSubEmulator.Delivery;
import dev.beamplayground.testing.PubSubEmulatorExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One scheduler message delivered three times by the real Pub/Sub emulator (pulled, handed back with an
 * ack deadline of 0, pulled again) to the maintenance function: the store after the second and third
 * delivery is exactly the store after the first, entity by entity and property by property. The store
 * starts with work to do: snippets written at the previous object version (pinned, as during a rolling
 * upgrade) for the migrations, and stale user snippets with their files for the cleanup.
 */
@ExtendWith({DatastoreEmulatorExtension.class, PubSubEmulatorExtension.class})
class MaintenanceRedeliveryFaultIT {
    private static final String TOPIC = "maintenance-fault";
    private static final String SUBSCRIPTION = "maintenance-fault-trigger";


    private static Snippet snippet(String id, Origin origin, int files, Instant lastVisited) {
        List<SnippetFile> list = IntStream.range(0, files)
                .mapToObj(i -> new SnippetFile("f" + i + ".py", "print(" + i + ") # " + id, i == 0, 0)).toList();
        return new Snippet(id, Sdk.SDK_PYTHON, "", Complexity.COMPLEXITY_MEDIUM, "", origin, "", lastVisited,
                lastVisited, 0, SchemaVersion.CURRENT, list, List.of());
    }

    /**
     * Every entity of the namespace, by key, with all its properties as stored; not the instance registry,
     * whose heartbeats are the instances' own traffic rather than data a delivery changes.
     */
    private static Map<String, String> dump(Datastore direct) {
        Map<String, String> all = new TreeMap<>();
        direct.run(Query.newEntityQueryBuilder().build()).forEachRemaining(e -> {
            if (!e.getKey().getKind().startsWith("__") && !e.getKey().getKind().equals(InstanceEntry.KIND)) {
                all.put(e.getKey().getKind() + "/" + e.getKey().getNameOrId(), new TreeMap<>(e.getProperties()).toString());
            }
        });
        return all;
    }

    /** How many snippets are stored at this object version ({@code objVer}). */
    private static long snippetsAt(Datastore direct, String version) {
        long[] count = {0};
        direct.run(Query.newEntityQueryBuilder().setKind(Snippet.KIND).build()).forEachRemaining(e -> {
            if (e.contains("objVer") && version.equals(e.getString("objVer"))) {
                count[0]++;
            }
        });
        return count[0];
    }

    @Test
    void theSameTriggerDeliveredThreeTimesLeavesTheStoreAsAfterOne(DatastoreEmulator emulator, PubSubEmulator pubsub)
            throws Exception {
        String namespace = "maintenance-fault-" + ProcessHandle.current().pid();
        Map<String, Object> properties = new HashMap<>(Map.of("backend.module", "datastore",
                "backend.emulator-host", emulator.host(), "backend.project-id", emulator.projectId(),
                "backend.namespace", namespace, "maintenance.batch-size", "2"));
        Datastore direct = emulator.client(namespace);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, Object> pinned = new HashMap<>(properties);
        pinned.put("objects.pin", "previous");
        try (ApplicationContext previousRelease = ApplicationContext.run(pinned)) {
            PlaygroundStore store = previousRelease.getBean(PlaygroundStore.class);
            for (int i = 0; i < 5; i++) {
                store.saveSnippet(snippet("stale" + i, i % 2 == 0 ? Origin.PG_USER : Origin.TB_USER, 2,
                        now.minus(150 + i, ChronoUnit.DAYS)));
                store.saveSnippet(snippet("fresh" + i, Origin.PG_USER, 1 + i, now.minus(i, ChronoUnit.DAYS)));
            }
            store.saveSnippet(snippet("SDK_PYTHON_Example", Origin.PG_EXAMPLES, 2, now.minus(400, ChronoUnit.DAYS)));
        }
        // The previous release is gone (longer than the grace period, which this test does not wait for):
        // its registry entry goes as maintenance would remove it, or its 1.0 writes would hold 0.0.2 back.
        direct.run(Query.newKeyQueryBuilder().setKind(InstanceEntry.KIND).build()).forEachRemaining(direct::delete);
        Map<String, String> before = dump(direct);
        assertEquals(11, snippetsAt(direct, "1.0"), "written by the previous release");

        pubsub.createTopic(TOPIC);
        pubsub.createSubscription(SUBSCRIPTION, TOPIC);
        pubsub.publish(TOPIC, "{}".getBytes(StandardCharsets.UTF_8));
        try (TestMaintenanceFunction function = new TestMaintenanceFunction(properties)) {
            Map<String, String> afterFirst = null;
            for (int delivery = 1; delivery <= 3; delivery++) {
                Delivery d = pubsub.pullOne(SUBSCRIPTION, Duration.ofSeconds(10));
                function.accept(PubSubCloudEvent.of(d.message(), pubsub.projectId(), TOPIC, SUBSCRIPTION));
                Map<String, String> now3 = dump(direct);
                if (delivery == 1) {
                    afterFirst = now3;
                    assertNotEquals(before, afterFirst, "the first delivery had work to do");
                    assertEquals(0, snippetsAt(direct, "1.0"), "migrated");
                    assertEquals(6, snippetsAt(direct, "1.1"), "migrated");
                    assertTrue(afterFirst.keySet().stream().noneMatch(k -> k.contains("stale")),
                            "stale snippets and their files are gone: " + afterFirst.keySet());
                    assertTrue(afterFirst.containsKey("pg_snippets/fresh4") && afterFirst.containsKey("pg_files/fresh4_4"));
                } else {
                    assertEquals(afterFirst, now3, "delivery " + delivery + " changed the store");
                }
                if (delivery < 3) {
                    pubsub.nack(SUBSCRIPTION, d);
                } else {
                    pubsub.ack(SUBSCRIPTION, d);
                }
            }
        }
    }
}
