package dev.beamplayground.cancel.listener;

import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamplayground.pipeline.CancelWatch;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.testing.PubSubCloudEvent;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.PubSubEmulatorExtension;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole cancel path against a real redis-server and the real Pub/Sub emulator: HTTP Cancel → the
 * topic → a subscription pulled here (as Cloud Functions' trigger would) → the listener invoked with
 * the delivered CloudEvent → CANCELED in Redis → the runner's watcher (its own Redis connections,
 * as a runner process has) is called.
 */
@ExtendWith({RedisServerExtension.class, PubSubEmulatorExtension.class})
class CancelEndToEndIT {
    private static final String TOPIC = "cancel-e2e";
    private static final String SUBSCRIPTION = "cancel-e2e-trigger";
    private static PubSubEmulator pubsub;
    private static RedisServer redis;
    private static CancelPath path;
    private static CancelListenerFunction listener;

    @BeforeAll
    static void start(RedisServer redisServer, PubSubEmulator emulator) {
        redis = redisServer;
        pubsub = emulator;
        emulator.createTopic(TOPIC);
        emulator.createSubscription(SUBSCRIPTION, TOPIC);
        path = CancelPath.start(redis, emulator, TOPIC, Map.of());
        listener = path.listener();
    }

    @AfterAll
    static void stop() {
        path.close();
    }

    private static PipelineRun newRun() {
        return path.newRun();
    }

    private static List<JsonNode> cancelAndPull(PipelineRun run) {
        assertEquals("{}", assertOk(path.cancel(run)));
        List<JsonNode> messages = pubsub.pull(SUBSCRIPTION, Duration.ofSeconds(10));
        assertEquals(1, messages.size());
        return messages;
    }

    @Test
    void anHttpCancelReachesTheRunnersWatcherThroughPubSubAndTheListener() throws Exception {
        PipelineRun run = newRun();
        CountDownLatch fired = new CountDownLatch(1);
        try (CancelWatch watch = run.onCancel(fired::countDown)) {
            JsonNode message = cancelAndPull(run).get(0);
            assertFalse(run.canceled(), "nothing is recorded before the listener runs");
            listener.accept(PubSubCloudEvent.of(message, pubsub.projectId(), TOPIC, SUBSCRIPTION));
            assertTrue(fired.await(2, TimeUnit.SECONDS), "the watcher fired");
        }
        assertTrue(run.canceled());
        assertEquals("1", redis.command("HGET", run.uuid().value(), "CANCELED"));
    }

    @Test
    void malformedMessagesAreAcknowledgedNotRetried() throws Exception {
        for (String junk : new String[] {"not json", "{\"pipelineUuid\":\"../x\"}", "{}", "[1,2]"}) {
            pubsub.publish(TOPIC, junk.getBytes(StandardCharsets.UTF_8));
            JsonNode message = pubsub.pull(SUBSCRIPTION, Duration.ofSeconds(10)).get(0);
            // Returning normally is the acknowledgement; an exception would make Pub/Sub redeliver.
            listener.accept(PubSubCloudEvent.of(message, pubsub.projectId(), TOPIC, SUBSCRIPTION));
        }
        listener.accept(new PubSubCloudEvent("e1", "//pubsub.googleapis.com/projects/p/topics/t",
                "{\"unrelated\":true}".getBytes(StandardCharsets.UTF_8)));
        listener.accept(new PubSubCloudEvent("e2", "//pubsub.googleapis.com/projects/p/topics/t", null));
        // A cancel for a pipeline without state is dropped, and creates none.
        String unknown = UUID.randomUUID().toString();
        pubsub.publish(TOPIC, ("{\"pipelineUuid\":\"" + unknown + "\"}").getBytes(StandardCharsets.UTF_8));
        listener.accept(PubSubCloudEvent.of(pubsub.pull(SUBSCRIPTION, Duration.ofSeconds(10)).get(0),
                pubsub.projectId(), TOPIC, SUBSCRIPTION));
        assertEquals(":0", redis.command("EXISTS", unknown));
    }
}
