package dev.beamplayground.cancel.listener;

import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamplayground.pipeline.CancelWatch;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.PubSubCloudEvent;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.PubSubEmulatorExtension;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
    private static FunctionClient cancelFunction;
    private static ApplicationContext runner;
    private static CancelListenerFunction listener;

    @BeforeAll
    static void start(RedisServer redisServer, PubSubEmulator emulator) {
        redis = redisServer;
        pubsub = emulator;
        emulator.createTopic(TOPIC);
        emulator.createSubscription(SUBSCRIPTION, TOPIC);
        cancelFunction = FunctionClient.start(Map.of("redis.uri", redis.uri(), "cancel.topic", TOPIC,
                "pubsub.emulator.host", emulator.host(), "gcp.project-id", emulator.projectId()));
        runner = ApplicationContext.run(Map.of("redis.uri", redis.uri()));
        // Cloud Functions configures the listener through its environment; here, system properties.
        System.setProperty("redis.uri", redis.uri());
        try {
            listener = new CancelListenerFunction();
        } finally {
            System.clearProperty("redis.uri");
        }
    }

    @AfterAll
    static void stop() {
        listener.close();
        runner.close();
        cancelFunction.close();
    }

    private static PipelineRun newRun() {
        PipelineRun run = new PipelineRun(runner.getBean(PipelineStore.class),
                PipelineUuid.parse(UUID.randomUUID().toString()));
        run.status(PipelineStatus.STATUS_EXECUTING);
        return run;
    }

    private static List<JsonNode> cancelAndPull(PipelineRun run) {
        assertEquals("{}", assertOk(cancelFunction.call("Cancel", "{\"pipelineUuid\":\"" + run.uuid() + "\"}")));
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
    void theSameMessageDeliveredThreeTimesHasOneEffect() throws Exception {
        PipelineRun run = newRun();
        AtomicInteger calls = new AtomicInteger();
        try (CancelWatch watch = run.onCancel(calls::incrementAndGet)) {
            JsonNode message = cancelAndPull(run).get(0);
            for (int i = 0; i < 3; i++) {
                listener.accept(PubSubCloudEvent.of(message, pubsub.projectId(), TOPIC, SUBSCRIPTION));
            }
            Thread.sleep(500);
            assertEquals(1, calls.get());
            assertEquals("1", redis.command("HGET", run.uuid().value(), "CANCELED"));
            assertEquals(PipelineStatus.STATUS_EXECUTING, runner.getBean(PipelineStore.class).state(run.uuid())
                    .orElseThrow().status(), "the status is the runner's to write");
        }
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

    /**
     * Not a timed assertion: measures, over 20 cancels, the time from the listener being invoked to the
     * watcher's callback, and from the HTTP Cancel to the callback (including this test's pull), and
     * prints the medians.
     */
    @Test
    void cancelLatencyIsMeasured() throws Exception {
        List<Long> listenerToWatcher = new ArrayList<>();
        List<Long> httpToWatcher = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PipelineRun run = newRun();
            AtomicLong firedAt = new AtomicLong();
            CountDownLatch fired = new CountDownLatch(1);
            try (CancelWatch watch = run.onCancel(() -> {
                firedAt.set(System.nanoTime());
                fired.countDown();
            })) {
                long t0 = System.nanoTime();
                JsonNode message = cancelAndPull(run).get(0);
                long t1 = System.nanoTime();
                listener.accept(PubSubCloudEvent.of(message, pubsub.projectId(), TOPIC, SUBSCRIPTION));
                assertTrue(fired.await(5, TimeUnit.SECONDS));
                listenerToWatcher.add(firedAt.get() - t1);
                httpToWatcher.add(firedAt.get() - t0);
            }
        }
        System.out.printf("cancel latency over 20 runs: listener invoked -> watcher called median %.2f ms "
                        + "(max %.2f ms); HTTP Cancel -> watcher called median %.2f ms (max %.2f ms)%n",
                median(listenerToWatcher), Collections.max(listenerToWatcher) / 1e6,
                median(httpToWatcher), Collections.max(httpToWatcher) / 1e6);
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
