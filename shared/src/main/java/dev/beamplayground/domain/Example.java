package dev.beamplayground.domain;

import java.util.List;
import java.util.Objects;

/**
 * A catalog example (kind {@code pg_examples}); its code lives in the snippet of the same id.
 *
 * @param id          {@code <SDK>_<name>}, the example's key and its cloud path
 * @param name        example name
 * @param sdk         the SDK
 * @param description description shown in the catalog
 * @param tags        search tags
 * @param categories  catalog categories
 * @param path        link to the source on GitHub
 * @param type        kind of catalog item
 * @param origin      PG_EXAMPLES or TB_EXAMPLES
 * @param schemaVersion schema version it was written with
 * @param urlVcs      link to the source in version control
 * @param urlNotebook link to a Colab notebook with the code
 * @param alwaysRun   the frontend ignores precompiled output and always runs it
 * @param neverRun    the frontend never runs it
 */
public record Example(String id, String name, Sdk sdk, String description, List<String> tags,
                      List<String> categories, String path, PrecompiledObjectType type, Origin origin,
                      String schemaVersion, String urlVcs, String urlNotebook, boolean alwaysRun,
                      boolean neverRun) {
    public static final String KIND = "pg_examples";

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sdk, "sdk");
        tags = List.copyOf(tags);
        categories = List.copyOf(categories);
    }

    /** The example id for an SDK and a name, as Beam builds it. */
    public static String idOf(Sdk sdk, String name) {
        return sdk.name() + "_" + name;
    }
}
