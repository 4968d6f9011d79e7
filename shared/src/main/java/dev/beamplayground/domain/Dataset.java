package dev.beamplayground.domain;

import java.util.Objects;

/**
 * A dataset file on the runners (kind {@code pg_datasets}).
 *
 * @param id   the dataset name, its key
 * @param path path under the runner's DATASETS_PATH
 */
public record Dataset(String id, String path) {
    public static final String KIND = "pg_datasets";

    public Dataset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(path, "path");
    }
}
