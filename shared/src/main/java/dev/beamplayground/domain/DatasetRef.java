package dev.beamplayground.domain;

import java.util.Map;
import java.util.Objects;

/**
 * A dataset used by a snippet or example through an emulator (the seed's DatasetNestedEntity).
 *
 * @param datasetId name of the {@code pg_datasets} entity
 * @param emulator  emulator name; only {@code kafka} exists today
 * @param config    emulator options
 */
public record DatasetRef(String datasetId, String emulator, Map<String, String> config) {
    public DatasetRef {
        Objects.requireNonNull(datasetId, "datasetId");
        Objects.requireNonNull(emulator, "emulator");
        config = Map.copyOf(config);
    }
}
