package dev.beamplayground.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one {@link RedisServer} among the tests of a test JVM, and one {@link Durable} server: each started
 * on first use, stopped when the test plan ends. Tests that stop a server must {@link RedisServer#restart()}
 * it before they finish; tests that need a server of their own call {@link RedisServer#start()}.
 */
public final class RedisServerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RedisServerExtension.class);

    /** Asks for the shared server that fsyncs every write ({@link RedisServer#startDurable()}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Durable {
    }

    /** The shared server of this test JVM, started on the first call. */
    public static RedisServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RedisServer.class, k -> RedisServer.start(), RedisServer.class);
    }

    private static RedisServer durableServer(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Durable.class, k -> RedisServer.startDurable(), RedisServer.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Durable.class) ? durableServer(context) : server(context);
    }
}
