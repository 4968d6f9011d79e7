package dev.beamplayground.function.cancel;

import static dev.beamplayground.testing.ConnectAssertions.assertConnectError;
import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamplayground.pipeline.CancelWatch;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.PubSubEmulatorExtension;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
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

/** Cancel over HTTP: publishing to the real Pub/Sub emulator, and the in-process path of a local run. */
@ExtendWith({RedisServerExtension.class, PubSubEmulatorExtension.class})
class CancelFunctionIT {
    private static final String TOPIC = "cancel-fn-test";
    private static final String SUBSCRIPTION = "cancel-fn-test-sub";
    private static PubSubEmulator pubsub;
    private static FunctionClient fn;

    @BeforeAll
    static void start(RedisServer redis, PubSubEmulator emulator) {
        pubsub = emulator;
        emulator.createTopic(TOPIC);
        emulator.createSubscription(SUBSCRIPTION, TOPIC);
        fn = FunctionClient.start(Map.of("redis.uri", redis.uri(), "cancel.topic", TOPIC,
                "pubsub.emulator.host", emulator.host(), "gcp.project-id", emulator.projectId()));
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    private static PipelineRun newRun(FunctionClient client, PipelineStatus status) {
        PipelineRun run = new PipelineRun(client.context().getBean(PipelineStore.class),
                PipelineUuid.parse(UUID.randomUUID().toString()));
        run.status(status);
        return run;
    }

    private static String req(Object uuid) {
        return "{\"pipelineUuid\":\"" + uuid + "\"}";
    }

    @Test
    void aCancelIsPublishedAndAnsweredAtOnce() {
        PipelineRun run = newRun(fn, PipelineStatus.STATUS_EXECUTING);
        assertEquals("{}", assertOk(fn.call("Cancel", req(run.uuid()))));
        List<JsonNode> messages = pubsub.pull(SUBSCRIPTION, Duration.ofSeconds(10));
        assertEquals(1, messages.size());
        assertEquals("{\"pipelineUuid\":\"" + run.uuid() + "\"}", PubSubEmulator.data(messages.get(0)));
        assertTrue(!run.canceled(), "the function publishes; the listener records");
    }

    @Test
    void unknownEndedAndMalformedCancelsAreAnsweredClearly() {
        assertConnectError(fn.call("Cancel", req(UUID.randomUUID())), 404, "not_found");
        PipelineRun finished = newRun(fn, PipelineStatus.STATUS_FINISHED);
        assertConnectError(fn.call("Cancel", req(finished.uuid())), 400, "failed_precondition");
        assertTrue(fn.call("Cancel", req(finished.uuid())).getBodyAsText().contains("STATUS_FINISHED"));
        assertConnectError(fn.call("Cancel", "{}"), 400, "invalid_argument");
        assertConnectError(fn.call("Cancel", req("not-a-uuid")), 400, "invalid_argument");
        assertEquals(List.of(), pubsub.pullUntilMarker(TOPIC, SUBSCRIPTION, Duration.ofSeconds(10)),
                "nothing was published");
    }

    @Test
    void withoutATopicOrRedisACancelGoesThroughTheInProcessBus() throws Exception {
        try (FunctionClient local = FunctionClient.start(Map.of())) {
            PipelineRun run = newRun(local, PipelineStatus.STATUS_EXECUTING);
            CountDownLatch canceled = new CountDownLatch(1);
            try (CancelWatch watch = run.onCancel(canceled::countDown)) {
                assertEquals("{}", assertOk(local.call("Cancel", req(run.uuid()))));
                assertTrue(canceled.await(2, TimeUnit.SECONDS));
            }
            assertTrue(run.canceled());
            // Asked again before the runner wrote CANCELED: still fine, nothing more happens.
            assertEquals("{}", assertOk(local.call("Cancel", req(run.uuid()))));
        }
    }
}
