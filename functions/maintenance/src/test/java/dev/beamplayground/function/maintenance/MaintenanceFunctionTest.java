package dev.beamplayground.function.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.EmbeddedStore;
import dev.beamplayground.testing.PubSubCloudEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** maintenance in-process on the embedded backend: a scheduled event removes stale user snippets only. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintenanceFunctionTest implements TestPropertyProvider {
    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return EmbeddedStore.properties("maintenance");
    }

    private static Snippet snippet(String id, Origin origin, Instant lastVisited) {
        return new Snippet(id, Sdk.SDK_GO, "", Complexity.COMPLEXITY_BASIC, "", origin, "", lastVisited, lastVisited,
                0, SchemaVersion.CURRENT, List.of(new SnippetFile("main.go", "package main", true, 0)), List.of());
    }

    @Test
    void aScheduledEventRemovesStaleUserSnippetsOnly() throws Exception {
        PlaygroundStore store = context.getBean(PlaygroundStore.class);
        Instant longAgo = Instant.now().minus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        store.saveSnippet(snippet("InProcessStale1", Origin.PG_USER, longAgo));
        store.saveSnippet(snippet("InProcessExample1", Origin.PG_EXAMPLES, longAgo));
        store.saveSnippet(snippet("InProcessFresh1", Origin.PG_USER, Instant.now().truncatedTo(ChronoUnit.MILLIS)));

        new MaintenanceFunction(context).accept(new PubSubCloudEvent("event-1",
                "//pubsub.googleapis.com/projects/p/topics/maintenance",
                "{\"message\":{\"data\":\"e30=\",\"messageId\":\"1\"},\"subscription\":\"s\"}"
                        .getBytes(StandardCharsets.UTF_8)));

        assertTrue(store.findSnippet("InProcessStale1").isEmpty(), "the stale user snippet is removed");
        assertEquals(Origin.PG_EXAMPLES, store.findSnippet("InProcessExample1").orElseThrow().origin());
        assertTrue(store.findSnippet("InProcessFresh1").isPresent());
    }
}
