package dev.beamplayground.function.savesnippet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.EmbeddedStore;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** save-snippet in-process on the embedded backend: the fast tier's check of the function's wiring. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaveSnippetFunctionTest implements TestPropertyProvider {
    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return EmbeddedStore.properties("save-snippet");
    }

    @Test
    void aSavedSnippetIsStoredUnderTheIdItAnswers() {
        FunctionResponse response = FunctionClient.over(context).call("SaveSnippet",
                "{\"sdk\":\"SDK_GO\",\"files\":[{\"name\":\"main.go\",\"content\":\"package main\",\"isMain\":true}]}");
        assertEquals(200, response.getStatusCode(), response.getBodyAsText());
        String id = response.getBodyAsText().replaceAll("^\\{\"id\":\"([^\"]+)\"}$", "$1");
        assertEquals("package main", context.getBean(PlaygroundStore.class).findSnippet(id).orElseThrow()
                .files().get(0).content());
    }

    @Test
    void aSnippetWithoutFilesIsRefusedAndNothingIsStored() {
        long before = context.getBean(PlaygroundStore.class).countSnippets();
        FunctionResponse response = FunctionClient.over(context).call("SaveSnippet", "{\"sdk\":\"SDK_GO\",\"files\":[]}");
        assertEquals(400, response.getStatusCode());
        assertTrue(response.getBodyAsText().contains("\"code\":\"invalid_argument\""), response.getBodyAsText());
        assertEquals(before, context.getBean(PlaygroundStore.class).countSnippets());
    }
}
