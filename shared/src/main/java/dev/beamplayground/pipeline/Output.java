package dev.beamplayground.pipeline;

/**
 * The texts a run produces, named as Beam's subkeys of the pipeline hash. The runner appends to
 * them as they grow (or replaces them, as for the graph); clients read them.
 */
public enum Output {
    RUN_OUTPUT,
    RUN_ERROR,
    VALIDATION_OUTPUT,
    PREPARATION_OUTPUT,
    COMPILE_OUTPUT,
    LOGS,
    GRAPH
}
