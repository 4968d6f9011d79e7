package dev.beamplayground.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Start-up work is guarded where it is decided: what a deployed function jar holds. Every class in a jar may be
 * loaded at a cold start (service files, bean references), so no jar carries Micronaut's HTTP layer, router,
 * servlet layer, Reactor integration, serde or micronaut-context, nor Google's Pub/Sub client, Lettuce, Netty or
 * Reactor, nor a backend or client the function does not use in production.
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
            // Redis is reached with Jedis, blocking: Lettuce, Netty and Reactor cost ~1,770 classes at a cold start.
            "io/lettuce/", "io/netty/", "reactor/");

    /** Packages of an integration, present only in the functions that use it. */
    private static final Map<String, List<String>> INTEGRATIONS = Map.of(
            "datastore", List.of("com/google/cloud/datastore/", "dev/beamplayground/store/datastore/"),
            "redis", List.of("redis/clients/jedis/", "com/google/cloud/redis/", "dev/beamplayground/redis/"),
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
    @ValueSource(strings = {"save-snippet", "get-snippet", "get-catalog", "get-pipeline-output", "cancel",
            "cancel-listener", "maintenance"})
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
        assertTrue(entries.contains("dev/beamplayground/edge/PlaygroundHttpFunction.class"), "the entry class");
    }

    /** The prefixes some entry starts with. */
    private static Set<String> matching(Set<String> entries, List<String> prefixes) {
        return prefixes.stream().filter(p -> entries.stream().anyMatch(e -> e.startsWith(p)))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
