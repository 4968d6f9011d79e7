package dev.beamplayground.cancel.listener;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.PubSubCloudEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** cancel-listener in-process on the in-memory pipeline store: the event function's wiring and its message. */
@MicronautTest(startApplication = false)
class CancelListenerFunctionTest {
    @Inject
    ApplicationContext context;

    @Inject
    PipelineStore store;

    private static PubSubCloudEvent event(String payload) {
        String data = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return new PubSubCloudEvent("event-1", "//pubsub.googleapis.com/projects/p/topics/cancel",
                ("{\"message\":{\"data\":\"" + data + "\",\"messageId\":\"1\"},\"subscription\":\"s\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCancelMessageCancelsItsPipelineAndAnythingElseIsDropped() throws Exception {
        PipelineRun run = new PipelineRun(store, PipelineUuid.parse(UUID.randomUUID().toString()));
        run.status(PipelineStatus.STATUS_EXECUTING);
        CancelListenerFunction function = new CancelListenerFunction(context);

        function.accept(event("{\"pipelineUuid\":\"" + UUID.randomUUID() + "\",\"x\":1"));
        function.accept(event("not a cancel"));
        assertFalse(run.canceled());

        function.accept(event("{\"pipelineUuid\":\"" + run.uuid() + "\"}"));
        assertTrue(run.canceled());
    }
}
