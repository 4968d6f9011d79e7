package dev.beamplayground.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarServiceIndexTest {
    @TempDir
    Path dir;

    @Test
    void theIndexHoldsWhatMicronautsScanFindsAndTheServicesFiles() throws IOException {
        Path jar = jar(dir, Map.of(
                "META-INF/micronaut/a.B/x.Y", "",
                "META-INF/micronaut/a.B/v.W", "",
                "META-INF/micronaut/c.D/z.W", "",
                "META-INF/micronaut/c.D/deeper/n.N", "", // the scan's depth: "deeper" counts as a name
                "META-INF/micronaut/a.B/.hidden-looking", "", // the scan's hidden check skips none in a jar
                "META-INF/services/s.S", "# a comment\n p.Q # after a name\n\nr.T\n",
                "META-INF/services/e.Empty", "# nothing but a comment\n",
                "other/file.txt", "x"));

        Map<String, Set<String>> index;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            index = FunctionJarWriter.read(zip);
        }

        assertEquals(Map.of("a.B", Set.of("x.Y", "v.W", ".hidden-looking"), "c.D", Set.of("z.W", "deeper"), "s.S", Set.of("p.Q", "r.T")), index);
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            Map<String, Set<String>> scanned = MicronautMetaServiceLoaderUtils.findAllMicronautMetaServices(loader);
            Map<String, Set<String>> micronautTypes = new TreeMap<>(index);
            micronautTypes.remove("s.S");
            assertEquals(micronautTypes, new TreeMap<>(scanned));
        }
    }

    @Test
    void formatAndParseKeepTypesAndOrder() {
        Map<String, Set<String>> services = Map.of("a.B", new LinkedHashSet<>(List.of("x.Y", "a.A")));
        Map<String, Set<String>> parsed = JarServiceIndex.parse(JarServiceIndex.format(services));
        assertEquals(services, parsed);
        assertEquals(List.of("x.Y", "a.A"), List.copyOf(parsed.get("a.B")));
    }

    @Test
    void aMalformedIndexIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JarServiceIndex.parse("no-tab-here\n"));
        assertThrows(IllegalArgumentException.class, () -> JarServiceIndex.parse("\tx.Y\n"));
        assertThrows(IllegalArgumentException.class, () -> JarServiceIndex.parse("a.B\t\n"));
    }

    @Test
    void outsideAFunctionJarMicronautScansAsUsual() {
        // These tests load the class from a directory (target/classes), as the local run and every test do.
        assertNull(JarServiceIndex.jarOf(JarServiceIndex.class));
        assertFalse(JarServiceIndex.install(JarServiceIndex.class.getClassLoader()));
    }

    /** A jar of the given entries, with the directory entries a build tool writes. */
    static Path jar(Path dir, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve("test.jar");
        Set<String> directories = new LinkedHashSet<>();
        for (String name : new TreeMap<>(entries).keySet()) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                directories.add(name.substring(0, slash + 1));
            }
        }
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String directory : directories) {
                zip.putNextEntry(new ZipEntry(directory));
                zip.closeEntry();
            }
            for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
