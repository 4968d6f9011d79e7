package dev.beamplayground.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.processes.FunctionProcesses;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every function jar is as {@link FunctionJarWriter} leaves it: stored, and carrying the index of its service
 * entries, true to the jar, so Micronaut never lists {@code META-INF/micronaut} through a zip file system at a cold
 * start; and it holds no configuration file Micronaut would read the same way.
 */
class FunctionJarServiceIndexIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.beamplayground.processes.FunctionProcesses#functions")
    void theJarsIndexIsWhatTheJarHolds(String function) throws IOException {
        Path jar = FunctionProcesses.functionJar(function);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(JarServiceIndex.INDEX);
            assertNotNull(entry, function + " has no " + JarServiceIndex.INDEX);
            Map<String, Set<String>> index = JarServiceIndex.parse(
                    new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(FunctionJarWriter.read(zip), index, function + "'s index is stale");

            // Micronaut's own scan of the jar finds the same bean definitions and introspections.
            try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
                Map<String, Set<String>> scanned = new TreeMap<>(
                        MicronautMetaServiceLoaderUtils.findAllMicronautMetaServices(loader));
                scanned.values().removeIf(Set::isEmpty);
                assertEquals(scanned, new TreeMap<>(index.entrySet().stream()
                        .filter(e -> scanned.containsKey(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
                assertTrue(index.keySet().containsAll(scanned.keySet()));
            }

            // A cold start reads the classes it loads without an inflater.
            assertEquals(List.of(), zip.stream().filter(e -> e.getMethod() != ZipEntry.STORED).map(ZipEntry::getName)
                    .limit(5).toList(), function + " holds deflated entries");

            // Micronaut reads a configuration file it finds in a jar through a zip file system: settings come
            // from the environment instead.
            List<String> configuration = zip.stream().map(ZipEntry::getName)
                    .filter(name -> name.matches("(application|bootstrap)(-[^/]*)?\\.(properties|ya?ml|json|groovy|toml)"))
                    .toList();
            assertEquals(List.of(), configuration, function + " carries a Micronaut configuration file");
        }
    }

    /**
     * A start from the jar as deployed uses the index: no zip file system is loaded up to serving, and no
     * configuration file is looked for.
     */
    @ParameterizedTest
    @ValueSource(strings = {"get-pipeline-output", "cancel-listener"})
    void aColdStartListsNoJarThroughAZipFileSystem(String function) throws Exception {
        Path classes = dir.resolve("classes.log");
        String target = function.equals("cancel-listener") ? FunctionProcesses.CANCEL_LISTENER
                : FunctionProcesses.HTTP_FUNCTION;
        int port = FunctionProcesses.freePort();
        try (FunctionProcesses.Servers servers = new FunctionProcesses.Servers()) {
            // No Redis configured: both functions start on their in-process state, all they need to serve.
            servers.startFunction(function, target, port, dir.resolve("out.log"), null, Map.of(),
                    "-Xlog:class+load=info:file=" + classes);
            servers.awaitAll(HttpClient.newHttpClient(), Duration.ofSeconds(60));
        }
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(line -> line.contains("dev.beamplayground.edge.JarServiceIndex$IndexedLoaders ")),
                function + " did not install the index");
        assertEquals(List.of(), loaded.stream().filter(line -> line.contains("jdk.nio.zipfs.")).toList(),
                function + " opened a zip file system at start");
        // Settings come from env variables only (FunctionContext): no search for configuration files.
        assertEquals(List.of(), loaded.stream()
                .filter(line -> line.contains(".PropertiesPropertySourceLoader ") || line.contains(".YamlPropertySourceLoader ")
                        || line.contains(".BootstrapPropertySourceLocator "))
                .toList(), function + " looked for configuration files at start");
    }
}
