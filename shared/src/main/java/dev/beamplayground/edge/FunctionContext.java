package dev.beamplayground.edge;

import dev.beamplayground.logging.PlaygroundLogging;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

/** The bean context of a function instance, made the same way for HTTP and event functions. */
final class FunctionContext {
    private FunctionContext() {
    }

    /**
     * From the environment (env variables, application.properties), without probing the platform: the
     * environments are named, so Micronaut does not look for a cloud at start.
     */
    static ApplicationContext start() {
        PlaygroundLogging.bridgeJavaUtilLogging();
        JarServiceIndex.install(FunctionContext.class.getClassLoader());
        ApplicationContext context = ApplicationContext.builder()
                .environments(Environment.FUNCTION, Environment.GOOGLE_COMPUTE)
                .deduceEnvironment(false).start();
        // Cloud Run stops an instance with SIGTERM: the store and clients close (SQLite checkpoints its log).
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "playground-shutdown"));
        return context;
    }
}
