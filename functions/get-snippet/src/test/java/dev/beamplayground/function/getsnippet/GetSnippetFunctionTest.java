package dev.beamplayground.function.getsnippet;

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
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** get-snippet in-process on the embedded backend, counting visits in the store (no Redis buffer). */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GetSnippetFunctionTest implements TestPropertyProvider {
    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return EmbeddedStore.properties("get-snippet");
    }

    @Test
    void aStoredSnippetIsAnsweredAndItsVisitCounted() {
        PlaygroundStore store = context.getBean(PlaygroundStore.class);
        Instant then = Instant.parse("2026-01-02T03:04:05Z");
        store.saveSnippet(new Snippet("InProcessGet1", Sdk.SDK_PYTHON, "", Complexity.COMPLEXITY_BASIC, "",
                Origin.PG_USER, "", then, then, 0, SchemaVersion.CURRENT,
                List.of(new SnippetFile("main.py", "print(1)", true, 0)), List.of()));

        FunctionResponse response = FunctionClient.over(context).call("GetSnippet", "{\"id\":\"InProcessGet1\"}");
        assertEquals(200, response.getStatusCode(), response.getBodyAsText());
        assertTrue(response.getBodyAsText().contains("\"content\":\"print(1)\""), response.getBodyAsText());
        assertEquals(1, store.findSnippet("InProcessGet1").orElseThrow().visitCount());
    }

    @Test
    void anUnknownIdIsNotFound() {
        FunctionResponse response = FunctionClient.over(context).call("GetSnippet", "{\"id\":\"NoSuchSnippet1\"}");
        assertEquals(404, response.getStatusCode(), response.getBodyAsText());
        assertTrue(response.getBodyAsText().contains("\"code\":\"not_found\""), response.getBodyAsText());
    }
}
