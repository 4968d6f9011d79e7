package dev.beamplayground.store;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Example;
import java.util.List;
import java.util.Objects;

/**
 * What the catalog shows of one example: the example and the parts of its snippet (same id) it needs,
 * without the code.
 *
 * @param example         the example entity
 * @param pipelineOptions the snippet's pipeline options
 * @param complexity      the snippet's complexity
 * @param numberOfFiles   how many files the snippet has (more than one: multifile)
 * @param contextLine     the main file's context line
 * @param datasets        the snippet's datasets
 */
public record CatalogItem(Example example, String pipelineOptions, Complexity complexity,
                          int numberOfFiles, int contextLine, List<DatasetRef> datasets) {
    public CatalogItem {
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(pipelineOptions, "pipelineOptions");
        Objects.requireNonNull(complexity, "complexity");
        datasets = List.copyOf(datasets);
    }
}
