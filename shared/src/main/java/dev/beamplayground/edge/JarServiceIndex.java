package dev.beamplayground.edge;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.io.service.SoftServiceLoader.StaticDefinition;
import io.micronaut.core.io.service.SoftServiceLoader.StaticServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The function jar's service entries (Micronaut's {@code META-INF/micronaut/<type>/<class>}: bean definitions,
 * introspections; and the standard {@code META-INF/services/<type>} files), indexed when the jar is built
 * ({@link FunctionJarWriter}) and handed to Micronaut as static service loaders before its context starts.
 * Without the index Micronaut lists {@code META-INF/micronaut} through a zip file system, which reads the jar's whole
 * central directory a second time: about 110 ms of a cold start (bench/RESULTS.md).
 *
 * <p>Used only when the index and every {@code META-INF/micronaut} entry of the class path are in the jar this class
 * came from (as deployed); anywhere else (tests, the local run) Micronaut scans as it always does.
 */
final class JarServiceIndex {
    static final String ROOT = "META-INF/micronaut/";
    static final String SERVICES = "META-INF/services/";
    /** One line per entry: the service type, a tab, the class. */
    static final String INDEX = "META-INF/playground/services.index";

    private JarServiceIndex() {
    }

    /**
     * Installs the index of the jar this class came from, when it applies. Must run before Micronaut's service
     * loader is first used.
     *
     * @return whether it was installed
     */
    static boolean install(ClassLoader loader) {
        Path jar = jarOf(JarServiceIndex.class);
        if (jar == null || !onlyHolder(loader, jar, ROOT) || !onlyHolder(loader, jar, INDEX)) {
            return false;
        }
        Map<String, Set<String>> services;
        try (InputStream in = loader.getResourceAsStream(INDEX)) {
            services = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return false; // Micronaut's own scan reads the same jar and reports what is wrong with it
        }
        try {
            StaticOptimizations.set(new SoftServiceLoader.Optimizations(new IndexedLoaders(services, loader, jar)));
        } catch (IllegalStateException e) {
            return false; // too late: this JVM's service loading has begun, and goes on by Micronaut's scan
        }
        return true;
    }

    static String format(Map<String, Set<String>> services) {
        StringBuilder text = new StringBuilder();
        services.forEach((type, names) -> names.forEach(name -> text.append(type).append('\t').append(name)
                .append('\n')));
        return text.toString();
    }

    static Map<String, Set<String>> parse(String text) {
        Map<String, Set<String>> services = new LinkedHashMap<>();
        text.lines().filter(line -> !line.isEmpty()).forEach(line -> {
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                throw new IllegalArgumentException("not an index line: " + line);
            }
            services.computeIfAbsent(line.substring(0, tab), type -> new LinkedHashSet<>())
                    .add(line.substring(tab + 1));
        });
        return services;
    }

    /** The jar a class was loaded from; null when it came from a directory or elsewhere. */
    static Path jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean onlyHolder(ClassLoader loader, Path jar, String resource) {
        List<URL> holders = holders(loader, resource);
        return holders != null && holders.size() == 1 && isIn(holders.get(0), jar, resource);
    }

    private static List<URL> holders(ClassLoader loader, String resource) {
        try {
            return Collections.list(loader.getResources(resource));
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a resource's URL is {@code jar:<the jar>!/<resource>}. */
    private static boolean isIn(URL url, Path jar, String resource) {
        String text = url.toString();
        String suffix = "!/" + resource;
        if (!"jar".equals(url.getProtocol()) || !text.endsWith(suffix)) {
            return false;
        }
        try {
            return Path.of(new URI(text.substring("jar:".length(), text.length() - suffix.length()))).equals(jar);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Service type to its loader, as Micronaut asks for them (it only calls {@code get}): an indexed type from the
     * index, unless another jar of the class path also holds a services file for it; a type the jar has no entry
     * for answers "none" when no services file for it is anywhere on the class path (as the scan would find), and
     * is left to Micronaut's scan (null) otherwise.
     */
    private static final class IndexedLoaders extends AbstractMap<String, StaticServiceLoader<?>> {
        private static final StaticServiceLoader<?> NONE = condition -> Stream.empty();
        private final Map<String, StaticServiceLoader<?>> known = new ConcurrentHashMap<>();
        private final Map<String, Set<String>> services;
        private final ClassLoader loader;
        private final Path jar;

        IndexedLoaders(Map<String, Set<String>> services, ClassLoader loader, Path jar) {
            this.services = services;
            this.loader = loader;
            this.jar = jar;
        }

        @Override
        public StaticServiceLoader<?> get(Object key) {
            if (!(key instanceof String type)) {
                return null;
            }
            StaticServiceLoader<?> found = known.get(type);
            if (found == null) {
                found = lookUp(type);
                if (found != null) {
                    known.put(type, found);
                }
            }
            return found;
        }

        private StaticServiceLoader<?> lookUp(String type) {
            List<URL> files = holders(loader, SERVICES + type);
            if (files == null || files.size() > 1 || files.size() == 1 && !isIn(files.get(0), jar, SERVICES + type)) {
                return null;
            }
            Set<String> names = services.get(type);
            return names == null ? NONE : new JarServices<>(List.copyOf(names), loader);
        }

        @Override
        public Set<Entry<String, StaticServiceLoader<?>>> entrySet() {
            Map<String, StaticServiceLoader<?>> indexed = new LinkedHashMap<>();
            services.keySet().forEach(type -> {
                StaticServiceLoader<?> loader = get(type);
                if (loader != null) {
                    indexed.put(type, loader);
                }
            });
            return indexed.entrySet();
        }
    }

    /**
     * One service type's entries. As in Micronaut's scan, a class the jar names but cannot load, or without a public
     * no-argument constructor, is no service.
     */
    private record JarServices<S>(List<String> names, ClassLoader loader) implements StaticServiceLoader<S> {
        private static final MethodType NO_ARGUMENTS = MethodType.methodType(void.class);

        @Override
        public Stream<StaticDefinition<S>> findAll(Predicate<String> condition) {
            return names.stream()
                    .filter(name -> condition == null || condition.test(name))
                    .map(this::definition)
                    .filter(Objects::nonNull);
        }

        private StaticDefinition<S> definition(String name) {
            MethodHandle constructor;
            try {
                constructor = MethodHandles.publicLookup()
                        .findConstructor(Class.forName(name, false, loader), NO_ARGUMENTS);
            } catch (ClassNotFoundException | NoClassDefFoundError | NoSuchMethodException
                     | IllegalAccessException e) {
                return null;
            }
            return StaticDefinition.of(name, () -> instantiate(constructor));
        }

        @SuppressWarnings("unchecked")
        private static <S> S instantiate(MethodHandle constructor) {
            try {
                return (S) constructor.invoke();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("a Micronaut service could not be made", e);
            }
        }
    }
}
