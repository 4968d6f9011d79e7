package dev.beamplayground.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Build step of every function jar (run by the functions' build after shading): writes {@link JarServiceIndex#INDEX}
 * into the jar from the entries it holds. Never loaded by a running function.
 */
public final class JarServiceIndexWriter {
    private JarServiceIndexWriter() {
    }

    /** {@code JarServiceIndexWriter <jar>...}: indexes each jar in place. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: JarServiceIndexWriter <jar>...");
        }
        for (String jar : args) {
            write(Path.of(jar));
        }
    }

    /** Replaces the jar's index with one of the entries it holds now. */
    static void write(Path jar) throws IOException {
        Map<String, Set<String>> services;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            services = read(zip);
        }
        try (FileSystem fs = FileSystems.newFileSystem(jar)) {
            Path index = fs.getPath(JarServiceIndex.INDEX);
            Files.createDirectories(index.getParent());
            Files.writeString(index, JarServiceIndex.format(services), StandardCharsets.UTF_8);
        }
    }

    /**
     * Service type to the class names of its entries, in the jar's order: Micronaut's entries as its scan reads
     * them ({@code <type>/<class>}; its check for hidden names skips none in a jar) and the standard services files as
     * {@link java.util.ServiceLoader} reads them (comments and blank lines skipped).
     */
    static Map<String, Set<String>> read(ZipFile zip) throws IOException {
        Map<String, Set<String>> services = new LinkedHashMap<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.startsWith(JarServiceIndex.ROOT)) {
                // <type>/<name>; the scan stops at that depth, so an entry deeper counts by its directory's name.
                String rest = name.substring(JarServiceIndex.ROOT.length());
                int slash = rest.indexOf('/');
                int end = slash < 0 ? -1 : rest.indexOf('/', slash + 1);
                String className = slash < 0 ? "" : rest.substring(slash + 1, end < 0 ? rest.length() : end);
                if (slash > 0 && !className.isEmpty()) {
                    names(services, rest.substring(0, slash)).add(className);
                }
            } else if (!entry.isDirectory() && name.startsWith(JarServiceIndex.SERVICES)
                    && name.length() > JarServiceIndex.SERVICES.length()
                    && name.indexOf('/', JarServiceIndex.SERVICES.length()) < 0) {
                try (InputStream in = zip.getInputStream(entry)) {
                    Set<String> names = names(services, name.substring(JarServiceIndex.SERVICES.length()));
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .map(line -> line.replaceFirst("#.*", "").strip())
                            .filter(line -> !line.isEmpty())
                            .forEach(names::add);
                }
            }
        }
        services.values().removeIf(Set::isEmpty);
        return services;
    }

    private static Set<String> names(Map<String, Set<String>> services, String type) {
        return services.computeIfAbsent(type, t -> new LinkedHashSet<>());
    }
}
