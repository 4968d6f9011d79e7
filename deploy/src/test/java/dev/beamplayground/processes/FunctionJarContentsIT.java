package dev.beamplayground.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Start-up work is guarded where it is decided: what a deployed function jar holds. Every class in a jar may be
 * loaded at a cold start (service files, bean references), so no jar carries Micronaut's HTTP layer, router,
 * servlet layer, Reactor integration, serde or micronaut-context, nor Google's Pub/Sub or Memorystore admin client,
 * Lettuce, Netty or Reactor, nor a backend or client the function does not use in production.
 */
class FunctionJarContentsIT {
    /** Packages no function jar holds. */
    private static final List<String> NEVER = List.of(
            "io/micronaut/http/", "io/micronaut/web/router/", "io/micronaut/servlet/", "io/micronaut/serde/",
            "io/micronaut/json/", "io/micronaut/reactor/", "io/micronaut/gcp/", "io/micronaut/cache/",
            "io/micronaut/configuration/lettuce/cache/", "io/micronaut/runtime/http/",
            // micronaut-context: its scheduler, executor and file-watch beans load at every start; durations are
            // read by config.DurationSettings instead.
            "io/micronaut/scheduling/", "io/micronaut/runtime/converters/",
            // Production runs on Datastore: the embedded and event backends stay in the local run.
            "org/sqlite/", "dev/beamplayground/store/sqlite/", "dev/beamplayground/store/event/",
            // Cancel publishes over Pub/Sub's REST API: Google's gRPC Publisher cost about 2,000 classes at its first use.
            "com/google/cloud/pubsub/", "com/google/pubsub/",
            // Datastore is called over HTTP with its v1 messages (DatastoreRpc): Google's client library, its gRPC and
            // HTTP transports and its tracing cost about 600 classes at an instance's first store call; Google's
            // generated v1 messages built descriptors at the first entity (the backend's own: datastore_wire.proto).
            "com/google/cloud/datastore/", "com/google/datastore/", "io/grpc/netty/",
            // Redis is reached with Jedis, blocking: Lettuce, Netty and Reactor cost ~1,770 classes at a cold start.
            "io/lettuce/", "io/netty/", "reactor/",
            // The Memorystore lookup is one REST GET (google-rest): Google's gRPC admin client was ~15,000 entries.
            "com/google/cloud/redis/");

    /**
     * gRPC itself (its transports, xDS, stubs) and gax: no function calls Google over gRPC. grpc-api's own classes
     * (io/grpc/*.class, among them io.grpc.Context, which the token library's tracing needs) stay. The cancel function
     * holds gax through google-cloud-core, which Pub/Sub's factory uses for the default project.
     */
    private static final List<String> GRPC = List.of("io/grpc/*/", "com/google/api/gax/");
    private static final Set<String> HOLDS_GAX = Set.of("cancel");

    /** What google-rest's token requests load: the auth library, its HTTP client and what that traces with. */
    private static final List<String> TOKEN_RUNTIME = List.of("dev/beamplayground/googlerest/",
            "com/google/auth/oauth2/", "com/google/api/client/http/javanet/", "com/google/common/collect/",
            "io/grpc/Context.class", "io/opencensus/trace/", "io/opencensus/contrib/http/");

    /** Packages of an integration, present only in the functions that use it. */
    private static final Map<String, List<String>> INTEGRATIONS = Map.of(
            "datastore", List.of("dev/beamplayground/store/datastore/"),
            "redis", List.of("redis/clients/jedis/", "dev/beamplayground/redis/"),
            "pubsub", List.of("dev/beamplayground/pipeline/pubsub/"));

    private static final Map<String, Set<String>> USES = Map.of(
            "save-snippet", Set.of("datastore"),
            "get-snippet", Set.of("datastore", "redis"),
            "get-catalog", Set.of("datastore", "redis"),
            "get-pipeline-output", Set.of("redis"),
            "cancel", Set.of("redis", "pubsub"),
            "cancel-listener", Set.of("redis"),
            "maintenance", Set.of("datastore", "redis"));

    @ParameterizedTest
    @MethodSource("dev.beamplayground.processes.FunctionProcesses#functions")
    void aFunctionJarHoldsOnlyWhatTheFunctionUses(String function) throws IOException {
        Set<String> entries;
        try (JarFile jar = new JarFile(FunctionProcesses.functionJar(function).toFile())) {
            entries = jar.stream().map(e -> e.getName()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(Set.of(), matching(entries, NEVER), function + " carries what no function may");
        for (Map.Entry<String, List<String>> integration : INTEGRATIONS.entrySet()) {
            Set<String> found = matching(entries, integration.getValue());
            if (USES.get(function).contains(integration.getKey())) {
                assertEquals(integration.getValue().stream().collect(Collectors.toCollection(TreeSet::new)), found,
                        function + " lacks part of " + integration.getKey());
            } else {
                assertEquals(Set.of(), found, function + " carries " + integration.getKey() + ", which it does not use");
            }
        }
        assertEquals(Set.of(), matching(entries, HOLDS_GAX.contains(function) ? GRPC.subList(0, 1) : GRPC),
                function + " carries gRPC or gax, which it does not use");
        // Every integration calls Google's APIs over google-rest with a token (Memorystore's lookup for Redis).
        assertEquals(new TreeSet<>(TOKEN_RUNTIME), matching(entries, TOKEN_RUNTIME),
                function + " lacks part of what a token request loads");
        assertTrue(entries.contains("dev/beamplayground/edge/PlaygroundHttpFunction.class"), "the entry class");
    }

    /**
     * The project's classes concatenate strings with StringBuilder (javac {@code -XDstringConcat=inline}, root pom): an
     * invokedynamic concatenation spins method handles at its first call, on a cold start's path.
     */
    @ParameterizedTest
    @MethodSource("dev.beamplayground.processes.FunctionProcesses#functions")
    void theProjectsClassesConcatenateWithoutInvokedynamic(String function) throws IOException {
        Set<String> indy = new TreeSet<>();
        int classes = 0;
        try (JarFile jar = new JarFile(FunctionProcesses.functionJar(function).toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (e.getName().startsWith("dev/beamplayground/") && e.getName().endsWith(".class")) {
                    classes++;
                    try (InputStream in = jar.getInputStream(e)) {
                        // The bootstrap method's name in the constant pool; ISO-8859-1 maps each byte to one char.
                        String bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                        if (bytes.contains("makeConcatWithConstants")) {
                            indy.add(e.getName());
                        }
                    }
                }
            }
        }
        assertTrue(classes > 100, function + ": the project's classes are in the jar");
        assertEquals(Set.of(), indy, function + ": classes with an invokedynamic string concatenation");
    }

    /** The prefixes some entry starts with; a {@code *} in a prefix stands for one name of a package. */
    private static Set<String> matching(Set<String> entries, List<String> prefixes) {
        return prefixes.stream().filter(p -> entries.stream().anyMatch(e -> starts(e, p)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean starts(String entry, String prefix) {
        int star = prefix.indexOf('*');
        if (star < 0) {
            return entry.startsWith(prefix);
        }
        return entry.matches(Pattern.quote(prefix.substring(0, star)) + "[^/]+"
                + Pattern.quote(prefix.substring(star + 1)) + ".*");
    }
}
