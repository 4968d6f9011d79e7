package dev.beamplayground.domain;

import java.util.Objects;

/**
 * Precompiled output of an example (kind {@code pg_pc_objects}, key {@code <exampleId>_<KIND>}).
 *
 * @param exampleId the example
 * @param kind      which output
 * @param content   the saved output
 */
public record PrecompiledObject(String exampleId, Kind kind, String content) {
    public static final String ENTITY_KIND = "pg_pc_objects";

    /** The three precompiled outputs of an example. */
    public enum Kind { OUTPUT, LOG, GRAPH }

    public PrecompiledObject {
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
    }

    public String key() {
        return exampleId + "_" + kind.name();
    }
}
