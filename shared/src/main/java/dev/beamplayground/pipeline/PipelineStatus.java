package dev.beamplayground.pipeline;

import java.util.EnumSet;
import java.util.Set;

/** Where a pipeline is in its run; the names are Beam's {@code Status} names, stored and sent as they are. */
public enum PipelineStatus {
    STATUS_UNSPECIFIED,
    STATUS_VALIDATING,
    STATUS_VALIDATION_ERROR,
    STATUS_PREPARING,
    STATUS_PREPARATION_ERROR,
    STATUS_COMPILING,
    STATUS_COMPILE_ERROR,
    STATUS_EXECUTING,
    STATUS_FINISHED,
    STATUS_RUN_ERROR,
    STATUS_ERROR,
    STATUS_RUN_TIMEOUT,
    STATUS_CANCELED;

    private static final Set<PipelineStatus> ENDED = EnumSet.of(STATUS_VALIDATION_ERROR, STATUS_PREPARATION_ERROR,
            STATUS_COMPILE_ERROR, STATUS_FINISHED, STATUS_RUN_ERROR, STATUS_ERROR, STATUS_RUN_TIMEOUT, STATUS_CANCELED);

    /** The run is over: nothing will change any more, so there is nothing to cancel. */
    public boolean hasEnded() {
        return ENDED.contains(this);
    }

    /** The stored form back; an unknown name (written by a newer version) reads as unspecified. */
    public static PipelineStatus fromStored(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            return STATUS_UNSPECIFIED;
        }
    }
}
