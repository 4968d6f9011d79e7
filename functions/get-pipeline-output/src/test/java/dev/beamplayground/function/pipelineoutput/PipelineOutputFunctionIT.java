package dev.beamplayground.function.pipelineoutput;

import static dev.beamplayground.testing.ConnectAssertions.assertConnectError;
import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.api.v1.GetRunOutputFromResponse;
import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import dev.beamplayground.testing.FunctionResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pipeline read methods over HTTP, against a real redis-server (and once on the embedded store). */
@ExtendWith(RedisServerExtension.class)
class PipelineOutputFunctionIT {
    private static RedisServer redis;
    private static FunctionClient fn;

    @BeforeAll
    static void start(RedisServer server) {
        redis = server;
        fn = FunctionClient.start(Map.of("redis.uri", server.uri()));
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    private static PipelineRun newRun(FunctionClient client) {
        return new PipelineRun(client.context().getBean(PipelineStore.class),
                PipelineUuid.parse(UUID.randomUUID().toString()));
    }

    private static String req(PipelineRun run) {
        return "{\"pipelineUuid\":\"" + run.uuid() + "\"}";
    }

    @Test
    void everyMethodAnswersWhatTheRunnerWrote() {
        PipelineRun run = newRun(fn);
        run.status(PipelineStatus.STATUS_EXECUTING);
        run.append(Output.VALIDATION_OUTPUT, "valid");
        run.append(Output.PREPARATION_OUTPUT, "prepared");
        run.append(Output.COMPILE_OUTPUT, "compiled");
        run.append(Output.LOGS, "log line");
        run.graph("digraph {}");
        run.error(Output.RUN_ERROR, "oops", PipelineStatus.STATUS_RUN_ERROR);
        assertEquals("{\"status\":\"STATUS_RUN_ERROR\"}", assertOk(fn.call("CheckStatus", req(run))));
        assertEquals("{\"output\":\"valid\"}", assertOk(fn.call("GetValidationOutput", req(run))));
        assertEquals("{\"output\":\"prepared\"}", assertOk(fn.call("GetPreparationOutput", req(run))));
        assertEquals("{\"output\":\"compiled\"}", assertOk(fn.call("GetCompileOutput", req(run))));
        assertEquals("{\"output\":\"log line\"}", assertOk(fn.call("GetLogs", req(run))));
        assertEquals("{\"graph\":\"digraph {}\"}", assertOk(fn.call("GetGraph", req(run))));
        assertEquals("{\"output\":\"oops\"}", assertOk(fn.call("GetRunError", req(run))));
        // snake_case and upper-case hex are the same request: the same answers.
        String spelledOtherwise = "{\"pipeline_uuid\":\"" + run.uuid().value().toUpperCase() + "\"}";
        for (String method : new String[] {"CheckStatus", "GetLogs", "GetGraph", "GetRunError"}) {
            assertEquals(assertOk(fn.call(method, req(run))), assertOk(fn.call(method, spelledOtherwise)), method);
        }
    }

    @Test
    void getRunOutputKeepsBeamsMeaningAndGetRunOutputFromServesEachReader() throws Exception {
        PipelineRun run = newRun(fn);
        run.status(PipelineStatus.STATUS_EXECUTING);
        run.append(Output.RUN_OUTPUT, "a\n");
        assertEquals("{\"output\":\"a\\n\"}", assertOk(fn.call("GetRunOutput", req(run))));
        run.append(Output.RUN_OUTPUT, "b\n");
        assertEquals("{\"output\":\"b\\n\"}", assertOk(fn.call("GetRunOutput", req(run))));
        assertEquals("{}", assertOk(fn.call("GetRunOutput", req(run))));

        GetRunOutputFromResponse first = from(run, 0);
        assertEquals("a\nb\n", first.getOutput());
        assertEquals(4, first.getNextOffset());
        run.append(Output.RUN_OUTPUT, "c\n");
        GetRunOutputFromResponse second = from(run, first.getNextOffset());
        assertEquals("c\n", second.getOutput());
        assertEquals("a\nb\nc\n", from(run, 0).getOutput(), "another reader still gets everything");
        assertConnectError(fn.call("GetRunOutputFrom", "{\"pipelineUuid\":\"" + run.uuid() + "\",\"offset\":-1}"),
                400, "invalid_argument");
        assertConnectError(fn.call("GetRunOutputFrom", "{\"pipelineUuid\":\"" + run.uuid() + "\",\"offset\":99}"),
                400, "invalid_argument");
    }

    private static GetRunOutputFromResponse from(PipelineRun run, long offset) throws Exception {
        String body = assertOk(fn.call("GetRunOutputFrom", "{\"pipelineUuid\":\"" + run.uuid() + "\",\"offset\":"
                + offset + "}"));
        GetRunOutputFromResponse.Builder response = GetRunOutputFromResponse.newBuilder();
        JsonFormat.parser().merge(body, response);
        return response.build();
    }

    @Test
    void anUnknownPipelineIsNotFoundAndAMalformedUuidIsRefused() {
        String unknown = "{\"pipelineUuid\":\"" + UUID.randomUUID() + "\"}";
        for (String method : new String[] {"CheckStatus", "GetRunOutput", "GetRunOutputFrom", "GetRunError",
                "GetValidationOutput", "GetPreparationOutput", "GetCompileOutput", "GetLogs", "GetGraph"}) {
            assertConnectError(fn.call(method, unknown), 404, "not_found");
            assertConnectError(fn.call(method, "{}"), 400, "invalid_argument");
            assertConnectError(fn.call(method, "{\"pipelineUuid\":\"../../etc\"}"), 400, "invalid_argument");
            assertConnectError(fn.call(method, "{\"pipelineUuid\":\"1234567812341234123412345678901*\"}"), 400,
                    "invalid_argument");
            assertConnectError(fn.call(method, "{\"pipelineUuid\":\"{" + UUID.randomUUID() + "}\"}"), 400,
                    "invalid_argument");
        }
    }

    @Test
    void redisStoppedAnswers503WithRetryAfterThenRecovers() throws Exception {
        PipelineRun run = newRun(fn);
        run.status(PipelineStatus.STATUS_EXECUTING);
        redis.stop();
        try {
            for (String method : new String[] {"CheckStatus", "GetRunOutput", "GetLogs"}) {
                long t0 = System.nanoTime();
                FunctionResponse response = fn.call(method, req(run));
                assertConnectError(response, 503, "unavailable");
                assertTrue(response.header("Retry-After") != null);
                assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos(), method + " answered quickly");
            }
        } finally {
            redis.restart();
        }
        // The data is gone with the restarted server (no persistence), so recovery shows as not_found.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        FunctionResponse response;
        do {
            Thread.sleep(100);
            response = fn.call("CheckStatus", req(run));
        } while (response.getStatusCode() == 503 && System.nanoTime() < deadline);
        assertConnectError(response, 404, "not_found");
        run.status(PipelineStatus.STATUS_FINISHED);
        assertEquals("{\"status\":\"STATUS_FINISHED\"}", assertOk(fn.call("CheckStatus", req(run))));
    }

    @Test
    void withoutRedisTheEmbeddedStoreServes() {
        try (FunctionClient local = FunctionClient.start(Map.of())) {
            PipelineRun run = newRun(local);
            run.status(PipelineStatus.STATUS_EXECUTING);
            run.append(Output.RUN_OUTPUT, "local");
            assertEquals("{\"output\":\"local\"}", assertOk(local.call("GetRunOutput", req(run))));
            assertEquals("{\"status\":\"STATUS_EXECUTING\"}", assertOk(local.call("CheckStatus", req(run))));
        }
    }
}
