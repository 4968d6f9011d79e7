package dev.beamplayground.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one {@link DatastoreEmulator} among all tests of a test JVM. It is started on first use and
 * stopped when the test plan finishes (it lives in the root context's store, which closes
 * {@link AutoCloseable} values).
 *
 * <p>Use: {@code @ExtendWith(DatastoreEmulatorExtension.class)} and a {@code DatastoreEmulator}
 * parameter on a test, lifecycle method or constructor; or call {@link #emulator(ExtensionContext)} from
 * another extension. Tests share the emulator, so each should work in its own namespace (or call
 * {@link DatastoreEmulator#reset()} when it is the only test running against it).
 */
public final class DatastoreEmulatorExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DatastoreEmulatorExtension.class);

    /** The emulator of this test JVM, started on the first call. */
    public static DatastoreEmulator emulator(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(DatastoreEmulator.class, k -> DatastoreEmulator.start(), DatastoreEmulator.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DatastoreEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }
}
