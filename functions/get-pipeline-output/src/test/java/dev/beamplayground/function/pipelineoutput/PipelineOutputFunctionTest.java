package dev.beamplayground.function.pipelineoutput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.config.ObjectPinning;
import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** get-pipeline-output in-process on the in-memory pipeline store (no Redis configured). */
@MicronautTest(startApplication = false)
class PipelineOutputFunctionTest {
    @Inject
    ApplicationContext context;

    @Inject
    PipelineStore store;

    @Test
    void statusAndOutputAreWhatTheRunnerWrote() {
        PipelineRun run = new PipelineRun(store, PipelineUuid.parse(UUID.randomUUID().toString()));
        run.status(PipelineStatus.STATUS_EXECUTING);
        run.append(Output.RUN_OUTPUT, "line 1\n");
        String request = "{\"pipelineUuid\":\"" + run.uuid() + "\"}";

        FunctionResponse status = FunctionClient.over(context).call("CheckStatus", request);
        assertEquals("{\"status\":\"STATUS_EXECUTING\"}", status.getBodyAsText());
        FunctionResponse output = FunctionClient.over(context).call("GetRunOutput", request);
        assertEquals("{\"output\":\"line 1\\n\"}", output.getBodyAsText());
    }

    @Test
    void aFunctionWithoutABackendMakesNoObjectPinning() {
        // No backend module on this class path: the codecs and the instance's registry id would serve nothing.
        assertFalse(context.containsBean(ObjectPinning.class));
        assertTrue(context.getBeansOfType(ObjectPinning.class).isEmpty());
    }

    @Test
    void aMalformedUuidIsRefused() {
        FunctionResponse response = FunctionClient.over(context).call("CheckStatus", "{\"pipelineUuid\":\"nope\"}");
        assertEquals(400, response.getStatusCode(), response.getBodyAsText());
    }
}
