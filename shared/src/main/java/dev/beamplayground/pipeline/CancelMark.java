package dev.beamplayground.pipeline;

/** What recording a cancel did. */
public enum CancelMark {
    /** No state for this pipeline: it never ran here, or its state expired. Nothing was written. */
    UNKNOWN_PIPELINE,
    /** CANCELED was set now and the watchers were told. */
    MARKED,
    /** CANCELED was already set (a redelivered message): nothing changed, nobody was told again. */
    ALREADY_MARKED
}
