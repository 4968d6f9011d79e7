package dev.beamplayground.cancel.listener;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamplayground.pipeline.CancelWatch;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.testing.LoadRun;
import dev.beamplayground.testing.PubSubCloudEvent;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.RedisServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Not part of the build (no Test/IT suffix); run with {@code bench/pipeline.sh}. Cancel latency end to end, wired
 * as {@link CancelEndToEndIT} wires it: HTTP Cancel through the cancel function → the real Pub/Sub emulator → a
 * pull of the trigger subscription here (standing in for Cloud Functions' push) → the listener invoked with the
 * CloudEvent → CANCELED and a PUBLISH in Redis → the runner's watcher ({@link PipelineRun#onCancel}, its own Redis
 * connections) called. Median, p99 and max over {@code -Dbench.cancels=50}, each part separately, against a bare
 * Redis PUBLISH → subscriber callback round trip measured in the same run.
 */
class CancelLatencyBenchmark {
    private static final int CANCELS = Integer.getInteger("bench.cancels", 50);
    private static final int WARM_UP = 5;
    private static final String TOPIC = "cancel-bench";
    private static final String SUBSCRIPTION = "cancel-bench-trigger";

    @Test
    void run() throws Exception {
        try (RedisServer redis = RedisServer.start(); PubSubEmulator pubsub = PubSubEmulator.start()) {
            pubsub.createTopic(TOPIC);
            pubsub.createSubscription(SUBSCRIPTION, TOPIC);
            double[] bare = barePublishRoundTrips(redis, WARM_UP + CANCELS);
            bare = Arrays.copyOfRange(bare, WARM_UP, bare.length);
            try (CancelPath path = CancelPath.start(redis, pubsub, TOPIC, Map.of())) {
                double[] http = new double[CANCELS];
                double[] pull = new double[CANCELS];
                double[] listenerToWatcher = new double[CANCELS];
                double[] endToEnd = new double[CANCELS];
                for (int i = -WARM_UP; i < CANCELS; i++) {
                    PipelineRun run = path.newRun();
                    AtomicLong firedAt = new AtomicLong();
                    CountDownLatch fired = new CountDownLatch(1);
                    try (CancelWatch watch = run.onCancel(() -> {
                        firedAt.set(System.nanoTime());
                        fired.countDown();
                    })) {
                        long t0 = System.nanoTime();
                        int status = path.cancel(run).getStatusCode();
                        long t1 = System.nanoTime();
                        List<JsonNode> messages = pubsub.pull(SUBSCRIPTION, Duration.ofSeconds(10));
                        long t2 = System.nanoTime();
                        if (status != 200 || messages.size() != 1) {
                            throw new AssertionError("cancel " + status + ", " + messages.size() + " messages");
                        }
                        path.listener().accept(PubSubCloudEvent.of(messages.get(0), pubsub.projectId(), TOPIC, SUBSCRIPTION));
                        if (!fired.await(5, TimeUnit.SECONDS)) {
                            throw new AssertionError("the watcher was not called");
                        }
                        if (i >= 0) {
                            http[i] = (t1 - t0) / 1e6;
                            pull[i] = (t2 - t1) / 1e6;
                            listenerToWatcher[i] = (firedAt.get() - t2) / 1e6;
                            endToEnd[i] = (firedAt.get() - t0) / 1e6;
                        }
                    }
                }
                double bareMedian = LoadRun.median(bare);
                System.out.printf(Locale.ROOT, "%ncancel latency over %d cancels (after %d warm-up), load average %.1f%n",
                        CANCELS, WARM_UP, LoadRun.loadAverage());
                System.out.println("| part | median ms | p99 ms | max ms | median / bare PUBLISH round trip |");
                System.out.println("|---|---|---|---|---|");
                row("HTTP Cancel answered (validate, publish to the Pub/Sub emulator)", http, bareMedian);
                row("emulator pull of the trigger subscription (5 ms poll step)", pull, bareMedian);
                row("listener invoked -> watcher called (Redis script + PUBLISH -> subscriber -> callback)",
                        listenerToWatcher, bareMedian);
                row("end to end: HTTP Cancel -> watcher called", endToEnd, bareMedian);
                row("baseline: bare Redis PUBLISH -> subscriber callback", bare, bareMedian);
            }
        }
    }

    /** Time from sending PUBLISH on one connection to the subscriber's callback on another, in ms. */
    private static double[] barePublishRoundTrips(RedisServer redis, int n) throws Exception {
        java.net.URI uri = java.net.URI.create(redis.uri());
        try (Jedis publisher = new Jedis(uri); Jedis subscriber = new Jedis(uri)) {
            AtomicReference<CountDownLatch> received = new AtomicReference<>();
            AtomicLong receivedAt = new AtomicLong();
            CountDownLatch subscribed = new CountDownLatch(1);
            JedisPubSub listener = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int count) {
                    subscribed.countDown();
                }

                @Override
                public void onMessage(String channel, String message) {
                    receivedAt.set(System.nanoTime());
                    received.get().countDown();
                }
            };
            Thread subscription = new Thread(() -> subscriber.subscribe(listener, "bench-cancel"));
            subscription.start();
            if (!subscribed.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("not subscribed");
            }
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                CountDownLatch latch = new CountDownLatch(1);
                received.set(latch);
                long t0 = System.nanoTime();
                publisher.publish("bench-cancel", "1");
                if (!latch.await(5, TimeUnit.SECONDS)) {
                    throw new AssertionError("no message");
                }
                ms[i] = (receivedAt.get() - t0) / 1e6;
            }
            listener.unsubscribe();
            subscription.join(5000);
            return ms;
        }
    }

    private static void row(String part, double[] ms, double bareMedian) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = LoadRun.median(sorted);
        double p99 = sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)];
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1fx |%n", part, median, p99, sorted[sorted.length - 1],
                median / bareMedian);
    }
}
