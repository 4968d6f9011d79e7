package dev.beamplayground.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one {@link RedisServer} among the tests of a test JVM: started on first use, stopped when the
 * test plan ends. Tests that stop the server must {@link RedisServer#restart()} it before they finish;
 * tests that need a server of their own (or one with persistence) call {@link RedisServer#start()}.
 */
public final class RedisServerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RedisServerExtension.class);

    /** The shared server of this test JVM, started on the first call. */
    public static RedisServer server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RedisServer.class, k -> RedisServer.start(), RedisServer.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }
}
