package dev.beamplayground.pipeline;

import java.util.Objects;

/**
 * The runner's side of one pipeline: what a runner writes while it validates, prepares, compiles and
 * runs the code, and how it learns of a cancel. Every write refreshes the 15-minute expiry of all of
 * the pipeline's state.
 *
 * <pre>{@code
 * PipelineRun run = new PipelineRun(store, uuid);
 * run.status(PipelineStatus.STATUS_EXECUTING);
 * try (CancelWatch watch = run.onCancel(process::destroy)) {
 *     lines.forEach(line -> run.append(Output.RUN_OUTPUT, line));
 * }
 * run.status(PipelineStatus.STATUS_FINISHED);
 * }</pre>
 */
public final class PipelineRun {
    private final PipelineStore store;
    private final PipelineUuid uuid;

    public PipelineRun(PipelineStore store, PipelineUuid uuid) {
        this.store = Objects.requireNonNull(store);
        this.uuid = Objects.requireNonNull(uuid);
    }

    public PipelineUuid uuid() {
        return uuid;
    }

    public void status(PipelineStatus status) {
        store.setStatus(uuid, status);
    }

    /**
     * Appends to an output; costs the appended bytes only, whatever the output's length. Past the store's
     * {@link OutputLimits} the text is counted, not stored: {@link Appended#truncated()} tells the runner, which
     * may stop the run or go on (the run's status is its own to set).
     */
    public Appended append(Output output, String text) {
        return store.append(uuid, output, text);
    }

    /** Records the run's error text (RUN_ERROR) and the status that goes with it. */
    public void error(Output output, String text, PipelineStatus status) {
        store.put(uuid, output, text);
        store.setStatus(uuid, status);
    }

    public void graph(String graph) {
        store.put(uuid, Output.GRAPH, graph);
    }

    /** Whether a cancel is recorded, asked now (for a runner that prefers to check between steps). */
    public boolean canceled() {
        return store.state(uuid).map(PipelineState::canceled).orElse(false);
    }

    /**
     * Calls {@code onCancel} once, as soon as a cancel is recorded (at once when it already is). The
     * runner then stops the run and writes {@link PipelineStatus#STATUS_CANCELED}.
     */
    public CancelWatch onCancel(Runnable onCancel) {
        return store.watchCancel(uuid, onCancel);
    }
}
