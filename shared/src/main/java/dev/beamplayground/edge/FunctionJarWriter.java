package dev.beamplayground.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step of every function jar, run by the functions' build after the shade: rewrites the jar with every entry
 * stored rather than deflated, so that a cold start reads each class it loads without an inflater, and with
 * {@link JarServiceIndex#INDEX} made from the entries it holds. Never loaded by a running function.
 */
public final class FunctionJarWriter {
    private FunctionJarWriter() {
    }

    /** {@code FunctionJarWriter <jar>...}: rewrites each jar in place. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: FunctionJarWriter <jar>...");
        }
        for (String jar : args) {
            write(Path.of(jar));
        }
    }

    /** Rewrites the jar: its entries in their order, stored; its index replaced by one of what it holds now. */
    static void write(Path jar) throws IOException {
        Path rewritten = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().equals(JarServiceIndex.INDEX)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        putStored(out, entry.getName(), entry.getLastModifiedTime(), in.readAllBytes());
                    }
                }
            }
            putStored(out, JarServiceIndex.INDEX, null,
                    JarServiceIndex.format(read(zip)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(rewritten);
            throw e;
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void putStored(ZipOutputStream out, String name, FileTime modified, byte[] bytes)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        if (modified != null) {
            entry.setLastModifiedTime(modified);
        }
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
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
