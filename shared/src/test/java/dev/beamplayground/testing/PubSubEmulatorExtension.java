package dev.beamplayground.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one {@link PubSubEmulator} among the tests of a test JVM: started on first use, stopped when
 * the test plan ends. Tests share it, so each uses topics and subscriptions of its own.
 */
public final class PubSubEmulatorExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PubSubEmulatorExtension.class);

    public static PubSubEmulator emulator(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PubSubEmulator.class, k -> PubSubEmulator.start(), PubSubEmulator.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PubSubEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }
}
