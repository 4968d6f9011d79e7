package dev.beamplayground.cancel.listener;

import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.RedisServer;
import io.micronaut.context.ApplicationContext;
import dev.beamplayground.testing.FunctionResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The three processes of a cancel, on a given redis-server and Pub/Sub emulator topic: the cancel function (HTTP),
 * a runner with its own Redis connections (as a runner process has), and the listener configured as Cloud Functions
 * configures it. Deliveries from the topic's subscription are the caller's to pull and hand to {@link #listener()}.
 */
final class CancelPath implements AutoCloseable {
    private final FunctionClient cancelFunction;
    private final ApplicationContext runner;
    private final CancelListenerFunction listener;

    private CancelPath(FunctionClient cancelFunction, ApplicationContext runner, CancelListenerFunction listener) {
        this.cancelFunction = cancelFunction;
        this.runner = runner;
        this.listener = listener;
    }

    /** {@code runnerProperties} are added to the runner's (for example a shorter fallback poll). */
    static CancelPath start(RedisServer redis, PubSubEmulator pubsub, String topic, Map<String, Object> runnerProperties) {
        FunctionClient cancelFunction = FunctionClient.start(Map.of("redis.uri", redis.uri(), "cancel.topic", topic,
                "pubsub.emulator.host", pubsub.host(), "gcp.project-id", pubsub.projectId()));
        Map<String, Object> runnerConfig = new HashMap<>(runnerProperties);
        runnerConfig.put("redis.uri", redis.uri());
        ApplicationContext runner = ApplicationContext.run(runnerConfig);
        // Cloud Functions configures the listener through its environment; here, system properties.
        System.setProperty("redis.uri", redis.uri());
        try {
            return new CancelPath(cancelFunction, runner, new CancelListenerFunction());
        } finally {
            System.clearProperty("redis.uri");
        }
    }

    /** A new pipeline, executing. */
    PipelineRun newRun() {
        PipelineRun run = new PipelineRun(runnerStore(), PipelineUuid.parse(UUID.randomUUID().toString()));
        run.status(PipelineStatus.STATUS_EXECUTING);
        return run;
    }

    /** HTTP Cancel of the run through the cancel function. */
    FunctionResponse cancel(PipelineRun run) {
        return cancelFunction.call("Cancel", "{\"pipelineUuid\":\"" + run.uuid() + "\"}");
    }

    PipelineStore runnerStore() {
        return runner.getBean(PipelineStore.class);
    }

    CancelListenerFunction listener() {
        return listener;
    }

    @Override
    public void close() {
        listener.close();
        runner.close();
        cancelFunction.close();
    }
}
