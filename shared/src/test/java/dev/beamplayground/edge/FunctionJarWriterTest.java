package dev.beamplayground.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionJarWriterTest {
    @TempDir
    Path dir;

    @Test
    void everyEntryIsStoredWithItsBytesInItsOrderAndTheIndexIsAdded() throws IOException {
        Path jar = JarServiceIndexTest.jar(dir, Map.of(
                "META-INF/micronaut/a.B/x.Y", "",
                "z/Last.class", "class bytes ".repeat(100),
                "a/First.class", "other bytes ".repeat(100)));
        Map<String, String> before = contents(jar);

        FunctionJarWriter.main(new String[]{jar.toString()});

        Map<String, String> after = contents(jar);
        assertEquals("a.B\tx.Y\n", after.remove(JarServiceIndex.INDEX));
        assertEquals(List.copyOf(before.keySet()), List.copyOf(after.keySet()));
        assertEquals(before, after);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> deflated = new ArrayList<>();
            Collections.list(zip.entries()).stream().filter(e -> e.getMethod() != ZipEntry.STORED)
                    .forEach(e -> deflated.add(e.getName()));
            assertEquals(List.of(), deflated);
        }
    }

    @Test
    void aSecondRunReplacesTheIndex() throws IOException {
        Path jar = JarServiceIndexTest.jar(dir, Map.of("META-INF/micronaut/a.B/x.Y", "",
                JarServiceIndex.INDEX, "stale\tentry\n"));

        FunctionJarWriter.write(jar);
        FunctionJarWriter.write(jar);

        try (ZipFile zip = new ZipFile(jar.toFile())) {
            String written = new String(zip.getInputStream(zip.getEntry(JarServiceIndex.INDEX)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertEquals("a.B\tx.Y\n", written);
            assertEquals(Map.of("a.B", Set.of("x.Y")), JarServiceIndex.parse(written));
            assertEquals(1, Collections.list(zip.entries()).stream()
                    .filter(e -> e.getName().equals(JarServiceIndex.INDEX)).count());
        }
    }

    private static Map<String, String> contents(Path jar) throws IOException {
        Map<String, String> contents = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                contents.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        }
        return contents;
    }
}
