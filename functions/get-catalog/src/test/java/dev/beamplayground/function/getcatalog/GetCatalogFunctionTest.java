package dev.beamplayground.function.getcatalog;

import static dev.beamplayground.testing.CatalogFixtures.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.catalog.CatalogPublisher;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.testing.EmbeddedStore;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** get-catalog in-process on the embedded backend and the in-process catalog cache. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GetCatalogFunctionTest implements TestPropertyProvider {
    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return EmbeddedStore.properties("get-catalog");
    }

    private static final LoadedExample WORD_COUNT = example(Sdk.SDK_GO, "WordCount", "Quickstart");

    /** Each test loads the same catalog (a load of what is stored writes nothing): no order between tests. */
    private void load() {
        context.getBean(CatalogPublisher.class).publish(List.of(WORD_COUNT), List.of(), Set.of(WORD_COUNT.id()));
    }

    @Test
    void aLoadedCatalogIsListedAndItsDefaultAnswered() {
        load();

        FunctionResponse listing = FunctionClient.over(context).call("GetPrecompiledObjects", "{}");
        assertEquals(200, listing.getStatusCode(), listing.getBodyAsText());
        assertTrue(listing.getBodyAsText().contains("\"categoryName\":\"Quickstart\""), listing.getBodyAsText());
        assertTrue(listing.getBodyAsText().contains("\"name\":\"WordCount\""), listing.getBodyAsText());

        FunctionResponse byDefault = FunctionClient.over(context).call("GetDefaultPrecompiledObject",
                "{\"sdk\":\"SDK_GO\"}");
        assertEquals(200, byDefault.getStatusCode(), byDefault.getBodyAsText());
        assertTrue(byDefault.getBodyAsText().contains("\"name\":\"WordCount\""), byDefault.getBodyAsText());
    }

    @Test
    void aSdkWithoutDefaultIsNotFound() {
        load();
        FunctionResponse response = FunctionClient.over(context).call("GetDefaultPrecompiledObject",
                "{\"sdk\":\"SDK_SCIO\"}");
        assertEquals(404, response.getStatusCode(), response.getBodyAsText());
    }
}
