package dev.beamplayground.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.testing.IsolatedClassLoader;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The SDK list a catalog view caches: its JSON, and what building it loads. */
class CatalogViewTest {
    private static final String AWKWARD = "a\"b\\c\n\t\u0001</script>&'=\u2028\u2029 \uD83D\uDE00 é";

    @Test
    void theSdkListQuotesDefaultExamplesAsGsonsTreeModelDid() {
        CatalogView view = CatalogView.build(new CatalogSnapshot(3, List.of(
                new SdkInfo(Sdk.SDK_JAVA, AWKWARD), new SdkInfo(Sdk.SDK_GO, "")), List.of(), List.of()));

        assertEquals("[{\"sdk\":\"SDK_JAVA\",\"defaultExample\":" + new JsonPrimitive(AWKWARD) + "},"
                + "{\"sdk\":\"SDK_GO\",\"defaultExample\":\"\"}]", view.toEntry().sdks());
    }

    /** Gson's tree model and its ~50 type adapters cost a cold start that builds the catalog some 15 ms. */
    @Test
    void buildingAViewLoadsNoGsonTreeModel() throws Exception {
        try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
            assertTrue(loader.instance(Build.class, Supplier.class).get().toString().contains("SDK_JAVA"));
            assertTrue(loader.loaded(CatalogView.class.getName()), "the view was not built there");
            assertFalse(loader.loaded("com.google.gson.JsonElement"), "Gson's tree model was loaded");
        }
    }

    /** Builds a view inside the isolated loader. */
    public static final class Build implements Supplier<String> {
        @Override
        public String get() {
            return CatalogView.build(new CatalogSnapshot(1, List.of(new SdkInfo(Sdk.SDK_JAVA, AWKWARD)), List.of(),
                    List.of())).toEntry().sdks();
        }
    }
}
