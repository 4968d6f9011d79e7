package dev.beamplayground.edge;

import dev.beamplayground.logging.PlaygroundLogging;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.SystemPropertiesPropertySource;

/** The bean context of a function instance, made the same way for HTTP and event functions. */
final class FunctionContext {
    private FunctionContext() {
    }

    /**
     * From env variables and system properties only, as Terraform configures a function, without probing the
     * platform: the environments are named, so Micronaut does not look for a cloud at start. A function jar
     * carries no configuration file, so Micronaut is not asked to look for one (application and bootstrap files
     * in every format, per environment) nor to start a bootstrap environment.
     */
    static ApplicationContext start() {
        PlaygroundLogging.bridgeJavaUtilLogging();
        JarServiceIndex.install(FunctionContext.class.getClassLoader());
        ApplicationContext context = ApplicationContext.builder()
                .environments(Environment.FUNCTION, Environment.GOOGLE_COMPUTE)
                .deduceEnvironment(false)
                .enableDefaultPropertySources(false)
                .propertySources(new EnvironmentPropertySource(), new SystemPropertiesPropertySource())
                .bootstrapEnvironment(false)
                .start();
        // Cloud Run stops an instance with SIGTERM: the store and clients close (SQLite checkpoints its log).
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "playground-shutdown"));
        return context;
    }
}
