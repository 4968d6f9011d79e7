package dev.beamplayground.function.pipelineoutput;

import com.google.protobuf.Descriptors.Descriptor;
import dev.beamplayground.api.v1.CheckStatusRequest;
import dev.beamplayground.api.v1.GetCompileOutputRequest;
import dev.beamplayground.api.v1.GetGraphRequest;
import dev.beamplayground.api.v1.GetLogsRequest;
import dev.beamplayground.api.v1.GetPreparationOutputRequest;
import dev.beamplayground.api.v1.GetRunErrorRequest;
import dev.beamplayground.api.v1.GetRunOutputFromRequest;
import dev.beamplayground.api.v1.GetRunOutputRequest;
import dev.beamplayground.api.v1.GetValidationOutputRequest;
import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import dev.beamplayground.testing.badinput.BadInputRun;
import dev.beamplayground.testing.badinput.BadRequest;
import dev.beamplayground.testing.badinput.MalformedRequests;
import dev.beamplayground.testing.badinput.StoreProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed requests to every pipeline read method against a real redis-server holding one running pipeline:
 * each is a 4xx Connect error, and Redis holds the same keys and values afterwards (no output index moved, no
 * key made from a request's uuid).
 */
@ExtendWith(RedisServerExtension.class)
class PipelineOutputBadInputIT {
    /** The running pipeline the requests circle around. */
    static final String STORED = "0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
    private static RedisServer redis;
    private static FunctionClient fn;

    @BeforeAll
    static void start(RedisServer server) {
        redis = server;
        fn = FunctionClient.start(Map.of("redis.uri", server.uri()));
        PipelineRun run = new PipelineRun(fn.context().getBean(PipelineStore.class), PipelineUuid.parse(STORED));
        run.status(PipelineStatus.STATUS_EXECUTING);
        run.append(Output.RUN_OUTPUT, "line 1\n");
        run.append(Output.LOGS, "log 1\n");
    }

    @AfterAll
    static void stop() {
        fn.close();
        System.out.println(BadInputRun.report());
    }

    private static MalformedRequests.Rpc rpc(String name, Descriptor request) {
        return new MalformedRequests.Rpc(name, request, Map.of("pipelineUuid", "\"" + STORED + "\""), false);
    }

    static List<BadRequest> cases() {
        List<MalformedRequests.Rpc> rpcs = List.of(
                rpc("CheckStatus", CheckStatusRequest.getDescriptor()),
                rpc("GetRunOutput", GetRunOutputRequest.getDescriptor()),
                rpc("GetRunError", GetRunErrorRequest.getDescriptor()),
                rpc("GetValidationOutput", GetValidationOutputRequest.getDescriptor()),
                rpc("GetPreparationOutput", GetPreparationOutputRequest.getDescriptor()),
                rpc("GetCompileOutput", GetCompileOutputRequest.getDescriptor()),
                rpc("GetLogs", GetLogsRequest.getDescriptor()),
                rpc("GetGraph", GetGraphRequest.getDescriptor()));
        Map<String, String> from = new LinkedHashMap<>();
        from.put("pipelineUuid", "\"" + STORED + "\"");
        from.put("offset", "0");
        MalformedRequests.Rpc runOutputFrom = new MalformedRequests.Rpc("GetRunOutputFrom",
                GetRunOutputFromRequest.getDescriptor(), from, false);
        MalformedRequests generator = new MalformedRequests(MalformedRequests.SEED);
        for (MalformedRequests.Rpc rpc : rpcs) {
            generator.generic(rpc).pipelineUuids(rpc, "pipelineUuid", STORED);
        }
        return generator.generic(runOutputFrom)
                .pipelineUuids(runOutputFrom, "pipelineUuid", STORED)
                .values(runOutputFrom, "offset", Map.of("-1", "-1", "\"-1\"", "\"-1\"",
                        "-9223372036854775808", "-9223372036854775808"), Set.of(400))
                .unknownPaths(rpcs.get(0), List.of("Cancel", "SaveSnippet", "GetPrecompiledObjectOutput"))
                .build();
    }

    @TestFactory
    Stream<DynamicTest> malformedReadsAreRejectedAndTouchNoKey() {
        return new BadInputRun("get-pipeline-output", fn, StoreProbe.redis(redis)).tests(cases());
    }
}
