package dev.beamplayground.pipeline;

import java.util.Optional;

/**
 * The state of running pipelines (derived data that expires 15 minutes after its last write). One
 * implementation is Redis; the embedded default keeps it in the process, as Beam's local cache mode.
 *
 * <p>Reads answer {@link Optional#empty()} for a pipeline without state. Outputs are UTF-8 texts
 * addressed by byte offsets. Implementations throw
 * {@link dev.beamplayground.domain.error.UnavailableException} when their store cannot be reached.
 */
public interface PipelineStore extends AutoCloseable {

    Optional<PipelineState> state(PipelineUuid uuid);

    /** Sets the status (creating the pipeline's state if there is none) and refreshes the expiry. */
    void setStatus(PipelineUuid uuid, PipelineStatus status);

    /**
     * Appends to an output without reading it back, within the store's {@link OutputLimits}: what goes beyond
     * them is counted, not stored, and the output ends with one truncation marker line.
     */
    Appended append(PipelineUuid uuid, Output output, String text);

    /** Replaces an output (the graph, an error text). */
    void put(PipelineUuid uuid, Output output, String text);

    /**
     * Reads an output from {@code offset} on, at most {@code maxBytes} (fewer when the page would end
     * inside a character). An offset inside a character skips to the next one.
     *
     * @throws dev.beamplayground.domain.error.InvalidArgumentException when the offset is past the end
     */
    Optional<OutputPage> read(PipelineUuid uuid, Output output, long offset, int maxBytes);

    /**
     * Beam's {@code GetRunOutput}: the run output from RUN_OUTPUT_INDEX on (at most {@code maxBytes}),
     * moving RUN_OUTPUT_INDEX past what is answered, in one atomic step.
     */
    Optional<OutputPage> readRunOutputSinceLastCall(PipelineUuid uuid, int maxBytes);

    /** Records a cancel (CANCELED) and tells the watchers, once however often it is called. */
    CancelMark markCanceled(PipelineUuid uuid);

    /**
     * Calls {@code onCancel} once when a cancel is recorded for the pipeline, at once if it already
     * is. The callback runs on a thread of the store's, never on the caller's.
     */
    CancelWatch watchCancel(PipelineUuid uuid, Runnable onCancel);

    /** Stops the store's threads; the shared Redis connection is not the store's to close. */
    @Override
    void close();
}
