package dev.beamplayground.function.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** cancel in-process: without a topic the in-process bus records the cancel at once (the local run's path). */
@MicronautTest(startApplication = false)
class CancelFunctionTest {
    @Inject
    ApplicationContext context;

    @Inject
    PipelineStore store;

    private PipelineRun run(PipelineStatus status) {
        PipelineRun run = new PipelineRun(store, PipelineUuid.parse(UUID.randomUUID().toString()));
        run.status(status);
        return run;
    }

    @Test
    void aRunningPipelineIsCanceled() {
        PipelineRun run = run(PipelineStatus.STATUS_EXECUTING);
        assertEquals("{}", FunctionClient.over(context).call("Cancel", "{\"pipelineUuid\":\"" + run.uuid() + "\"}")
                .getBodyAsText());
        assertTrue(run.canceled());
    }

    @Test
    void aFinishedPipelineIsLeftAlone() {
        PipelineRun run = run(PipelineStatus.STATUS_FINISHED);
        assertEquals(400, FunctionClient.over(context).call("Cancel", "{\"pipelineUuid\":\"" + run.uuid() + "\"}")
                .getStatusCode());
        assertFalse(run.canceled());
    }
}
