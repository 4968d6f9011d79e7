package dev.beamplayground.testing;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** One started function per {@link TestBackend}, each on its own empty store, for parameterized tests. */
public final class FunctionsPerBackend implements AutoCloseable {
    private final Map<TestBackend, FunctionClient> functions = new EnumMap<>(TestBackend.class);

    public FunctionsPerBackend(DatastoreEmulator emulator, Path dir) {
        for (TestBackend backend : TestBackend.values()) {
            functions.put(backend, FunctionClient.start(backend.properties(emulator, dir)));
        }
    }

    public FunctionClient get(TestBackend backend) {
        return functions.get(backend);
    }

    @Override
    public void close() {
        functions.values().forEach(FunctionClient::close);
    }
}
