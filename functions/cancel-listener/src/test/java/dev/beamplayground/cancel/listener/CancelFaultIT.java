package dev.beamplayground.cancel.listener;

import static dev.beamplayground.testing.ConnectAssertions.assertConnectError;
import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.pipeline.CancelWatch;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.testing.PubSubCloudEvent;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.PubSubEmulator.Delivery;
import dev.beamplayground.testing.PubSubEmulatorExtension;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.FunctionResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults on the cancel path, through the real Pub/Sub emulator: Redis killed (SIGKILL) and restarted
 * while a cancel is asked for and delivered, and one message delivered three times. Redis persists
 * ({@code appendfsync always}) so that the pipeline outlives the restart and a redelivered message has
 * something to cancel. Deliveries are pulled without acknowledging and handed back with an ack deadline
 * of 0 (what Pub/Sub does when a function fails), so each redelivery is Pub/Sub's own.
 */
@ExtendWith(PubSubEmulatorExtension.class)
class CancelFaultIT {
    private static final String TOPIC = "cancel-fault";
    private static final String SUBSCRIPTION = "cancel-fault-trigger";
    private static final Duration PULL = Duration.ofSeconds(10);
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static PubSubEmulator pubsub;
    private static RedisServer redis;
    private static CancelPath path;
    private static CancelListenerFunction listener;

    @BeforeAll
    static void start(PubSubEmulator emulator) {
        pubsub = emulator;
        emulator.createTopic(TOPIC);
        emulator.createSubscription(SUBSCRIPTION, TOPIC);
        redis = RedisServer.startDurable();
        // The runner's fallback check every second (5 s in production) keeps a lost notification's cost low here.
        path = CancelPath.start(redis, emulator, TOPIC, Map.of("pipeline.cancel-poll-period", "1s"));
        listener = path.listener();
    }

    @AfterAll
    static void stop() {
        path.close();
        redis.close();
    }

    private static PipelineRun newRun() {
        return path.newRun();
    }

    private static FunctionResponse cancel(PipelineRun run) {
        return path.cancel(run);
    }

    private static PubSubCloudEvent event(Delivery delivery) {
        return PubSubCloudEvent.of(delivery.message(), pubsub.projectId(), TOPIC, SUBSCRIPTION);
    }

    /**
     * Waits until every callback the runner's watcher had queued has run: a new watch of a canceled
     * pipeline fires at once, on the same single watcher thread, after whatever was queued before it.
     */
    /** Counts a watcher's calls. */
    private static final class Calls {
        final AtomicInteger fired = new AtomicInteger();
        private final CountDownLatch first = new CountDownLatch(1);

        void fire() {
            fired.incrementAndGet();
            first.countDown();
        }

        void awaitFirst(String what) throws InterruptedException {
            assertTrue(first.await(BOUND.toSeconds(), TimeUnit.SECONDS), what);
        }
    }

    private static void drainWatcher(PipelineRun run) throws InterruptedException {
        CountDownLatch barrier = new CountDownLatch(1);
        try (CancelWatch ignored = run.onCancel(barrier::countDown)) {
            assertTrue(barrier.await(BOUND.toSeconds(), TimeUnit.SECONDS), "a watch of a canceled run fires");
        }
    }

    @Test
    void redisKilledDuringACancelAnswers503ThenARedeliveryCancelsOnce() throws Exception {
        PipelineRun run = newRun();
        Calls calls = new Calls();
        try (CancelWatch watch = run.onCancel(calls::fire)) {
            assertEquals("{}", assertOk(cancel(run)));
            Delivery first = pubsub.pullOne(SUBSCRIPTION, PULL);

            redis.stop(); // SIGKILL
            try {
                long t0 = System.nanoTime();
                FunctionResponse during = cancel(run);
                assertConnectError(during, 503, "unavailable");
                assertTrue(during.header("Retry-After") != null);
                assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "Cancel answered within 3 s");
                // The listener throws, so that Pub/Sub delivers the message again.
                assertThrows(UnavailableException.class, () -> listener.accept(event(first)));
                pubsub.nack(SUBSCRIPTION, first);
                assertEquals(0, calls.fired.get());
            } finally {
                redis.restart(); // replays the append-only file: the pipeline is still there
            }

            // Pub/Sub redelivers until a delivery succeeds (the listener's connection may still be coming back).
            long deadline = System.nanoTime() + BOUND.toNanos();
            int deliveries = 1;
            while (true) {
                Delivery again = pubsub.pullOne(SUBSCRIPTION, PULL);
                deliveries++;
                assertEquals(first.messageId(), again.messageId(), "the same message, redelivered");
                try {
                    listener.accept(event(again));
                    pubsub.ack(SUBSCRIPTION, again);
                    break;
                } catch (UnavailableException e) {
                    pubsub.nack(SUBSCRIPTION, again);
                    if (System.nanoTime() > deadline) {
                        fail("the listener still finds Redis unavailable " + BOUND.toSeconds() + " s after the restart");
                    }
                }
            }
            calls.awaitFirst("the watcher fired after the restart");
            drainWatcher(run);
            assertEquals(1, calls.fired.get(), "the watcher fired exactly once");
            assertEquals("1", redis.command("HGET", run.uuid().value(), "CANCELED"));
            // Asked again once recorded: success, and no second message.
            assertEquals("{}", assertOk(cancel(run)));
            assertEquals(List.of(), pubsub.pullUntilMarker(TOPIC, SUBSCRIPTION, PULL), "no second message");
            System.out.printf("CancelFaultIT: the cancel took %d deliveries across the Redis kill%n", deliveries);
        }
    }

    @Test
    void oneMessageDeliveredThreeTimesByPubSubCancelsOnce() throws Exception {
        PipelineRun run = newRun();
        Calls calls = new Calls();
        try (CancelWatch watch = run.onCancel(calls::fire)) {
            assertEquals("{}", assertOk(cancel(run)));
            Delivery first = pubsub.pullOne(SUBSCRIPTION, PULL);
            listener.accept(event(first));
            pubsub.nack(SUBSCRIPTION, first); // as if the acknowledgement was lost
            Delivery second = pubsub.pullOne(SUBSCRIPTION, PULL);
            listener.accept(event(second));
            pubsub.nack(SUBSCRIPTION, second);
            Delivery third = pubsub.pullOne(SUBSCRIPTION, PULL);
            listener.accept(event(third));
            pubsub.ack(SUBSCRIPTION, third);

            assertEquals(first.messageId(), second.messageId());
            assertEquals(first.messageId(), third.messageId());
            calls.awaitFirst("the watcher fired");
            drainWatcher(run);
            assertEquals(1, calls.fired.get(), "the watcher fired exactly once");
            assertEquals("1", redis.command("HGET", run.uuid().value(), "CANCELED"));
            assertEquals(PipelineStatus.STATUS_EXECUTING, path.runnerStore().state(run.uuid())
                    .orElseThrow().status(), "the status is the runner's to write");
            assertEquals(List.of(), pubsub.pullUntilMarker(TOPIC, SUBSCRIPTION, PULL), "acknowledged: not delivered again");
        }
    }
}
