package dev.beamplayground.pipeline;

import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.NotFoundException;

/**
 * What clients read of a pipeline: its status and its outputs. Every request's uuid is checked first;
 * a pipeline without state is not found; no answer carries more than {@code maxAnswerBytes} of text.
 */
public final class PipelineReader {
    private final PipelineStore store;
    private final int maxAnswerBytes;

    public PipelineReader(PipelineStore store, int maxAnswerBytes) {
        if (maxAnswerBytes < 16) {
            throw new IllegalArgumentException("maxAnswerBytes must be at least 16");
        }
        this.store = store;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    public PipelineStatus status(String pipelineUuid) {
        PipelineUuid uuid = PipelineUuid.parse(pipelineUuid);
        return store.state(uuid).orElseThrow(() -> notFound(uuid)).status();
    }

    /** Beam's GetRunOutput: what was appended since the previous call of this method (by anyone). */
    public String runOutputSinceLastCall(String pipelineUuid) {
        PipelineUuid uuid = PipelineUuid.parse(pipelineUuid);
        return store.readRunOutputSinceLastCall(uuid, maxAnswerBytes).orElseThrow(() -> notFound(uuid)).text();
    }

    /** The run output from the client's own offset: each reader sees all of it, each poll only new bytes. */
    public OutputPage runOutputFrom(String pipelineUuid, long offset) {
        PipelineUuid uuid = PipelineUuid.parse(pipelineUuid);
        if (offset < 0) {
            throw new InvalidArgumentException("offset must not be negative");
        }
        return store.read(uuid, Output.RUN_OUTPUT, offset, maxAnswerBytes).orElseThrow(() -> notFound(uuid));
    }

    /**
     * A whole output. One longer than an answer carries is cut, with a last line saying so (the run
     * output can be read in full with {@link #runOutputFrom}).
     */
    public String whole(String pipelineUuid, Output output) {
        PipelineUuid uuid = PipelineUuid.parse(pipelineUuid);
        OutputPage page = store.read(uuid, output, 0, maxAnswerBytes).orElseThrow(() -> notFound(uuid));
        if (!page.truncated()) {
            return page.text();
        }
        return page.text() + "\n[cut: " + page.length() + " bytes in all, the first " + page.nextOffset()
                + " shown]";
    }

    private static NotFoundException notFound(PipelineUuid uuid) {
        return new NotFoundException("no pipeline " + uuid + ": it never ran here, or its state expired "
                + "15 minutes after its last update");
    }
}
