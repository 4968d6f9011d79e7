package dev.beamplayground.function.cancel;

import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.beamplayground.api.v1.CancelRequest;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.PubSubEmulatorExtension;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import dev.beamplayground.testing.badinput.BadInputRun;
import dev.beamplayground.testing.badinput.BadRequest;
import dev.beamplayground.testing.badinput.MalformedRequests;
import dev.beamplayground.testing.badinput.StoreProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed Cancel requests around one running pipeline, with the real Pub/Sub emulator and redis-server: each
 * is a 4xx Connect error, nothing reaches the cancel topic (a subscription on it stays empty), no CANCELED flag
 * is set and Redis holds the same keys and values afterwards.
 */
@ExtendWith({RedisServerExtension.class, PubSubEmulatorExtension.class})
class CancelBadInputIT {
    private static final String TOPIC = "cancel-bad-input";
    private static final String SUBSCRIPTION = "cancel-bad-input-sub";
    static final String STORED = "7c6b5a49-3827-4160-a5f4-e3d2c1b0a998";
    static final MalformedRequests.Rpc CANCEL = new MalformedRequests.Rpc("Cancel", CancelRequest.getDescriptor(),
            Map.of("pipelineUuid", "\"" + STORED + "\""), false);

    private static RedisServer redis;
    private static PubSubEmulator pubsub;
    private static FunctionClient fn;
    private static PipelineRun run;

    @BeforeAll
    static void start(RedisServer server, PubSubEmulator emulator) {
        redis = server;
        pubsub = emulator;
        emulator.createTopic(TOPIC);
        emulator.createSubscription(SUBSCRIPTION, TOPIC);
        fn = FunctionClient.start(Map.of("redis.uri", server.uri(), "cancel.topic", TOPIC,
                "pubsub.emulator.host", emulator.host(), "gcp.project-id", emulator.projectId()));
        run = new PipelineRun(fn.context().getBean(PipelineStore.class), PipelineUuid.parse(STORED));
        run.status(PipelineStatus.STATUS_EXECUTING);
    }

    @AfterAll
    static void stop() {
        fn.close();
        System.out.println(BadInputRun.report());
    }

    static List<BadRequest> cases() {
        return new MalformedRequests(MalformedRequests.SEED)
                .generic(CANCEL)
                .pipelineUuids(CANCEL, "pipelineUuid", STORED)
                .unknownPaths(CANCEL, List.of("CheckStatus", "SaveSnippet", "GetPrecompiledObjects"))
                .build();
    }

    @TestFactory
    Stream<DynamicTest> malformedCancelsAreRejectedAndWriteNothing() {
        // Each case: Redis unchanged (no CANCELED flag, no key). The topic is checked once after all of them, by
        // the last dynamic test of this factory, since a pull per case would cost more than all the rest.
        return Stream.concat(new BadInputRun("cancel", fn, StoreProbe.redis(redis)).tests(cases()),
                Stream.of(DynamicTest.dynamicTest("nothing reached the cancel topic",
                        CancelBadInputIT::nothingReachedTheCancelTopic)));
    }

    private static void nothingReachedTheCancelTopic() {
        assertEquals(List.of(), pubsub.pullUntilMarker(TOPIC, SUBSCRIPTION, Duration.ofSeconds(10)),
                "published to the cancel topic");
        assertFalse(run.canceled(), "the running pipeline was marked CANCELED");
        // The subscription does see a cancel: a valid one of another running pipeline arrives.
        PipelineRun other = new PipelineRun(fn.context().getBean(PipelineStore.class),
                PipelineUuid.parse("1d2c3b4a-5968-4776-8594-a3b2c1d0e9f8"));
        other.status(PipelineStatus.STATUS_EXECUTING);
        assertOk(fn.call("Cancel", "{\"pipelineUuid\":\"" + other.uuid() + "\"}"));
        List<String> published = pubsub.pull(SUBSCRIPTION, Duration.ofSeconds(10)).stream()
                .map(PubSubEmulator::data).toList();
        assertEquals(List.of("{\"pipelineUuid\":\"" + other.uuid() + "\"}"), published);
    }
}
