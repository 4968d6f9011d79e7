package dev.beamplayground.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One started function per {@link TestBackend}, each on its own empty store, for the parameterized
 * tests of a class: {@code @RegisterExtension static final FunctionsPerBackend FUNCTIONS = new
 * FunctionsPerBackend();} then {@code FUNCTIONS.get(backend)}. Started before the class's tests,
 * closed (with its SQLite files) after them.
 */
public final class FunctionsPerBackend implements BeforeAllCallback, AfterAllCallback {
    private final Map<TestBackend, FunctionClient> functions = new EnumMap<>(TestBackend.class);
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("functions-per-backend");
        DatastoreEmulator emulator = DatastoreEmulatorExtension.emulator(context);
        for (TestBackend backend : TestBackend.values()) {
            functions.put(backend, FunctionClient.start(backend.properties(emulator, dir)));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        functions.values().forEach(FunctionClient::close);
        functions.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(FunctionsPerBackend::delete);
        }
    }

    public FunctionClient get(TestBackend backend) {
        return functions.get(backend);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
