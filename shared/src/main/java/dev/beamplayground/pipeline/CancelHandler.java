package dev.beamplayground.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cancel listener's logic, shared by the Pub/Sub-triggered function and the in-process bus:
 * records CANCELED, which tells the runner's watcher. Recording twice changes nothing, so a
 * redelivered message is harmless.
 */
public final class CancelHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CancelHandler.class);

    private final PipelineStore store;

    public CancelHandler(PipelineStore store) {
        this.store = store;
    }

    public CancelMark handle(PipelineUuid uuid) {
        CancelMark mark = store.markCanceled(uuid);
        switch (mark) {
            case MARKED -> LOG.info("pipeline {} marked canceled", uuid);
            case ALREADY_MARKED -> LOG.info("pipeline {} was already marked canceled (redelivery)", uuid);
            case UNKNOWN_PIPELINE -> LOG.warn("cancel for pipeline {} dropped: it has no state (expired?)", uuid);
        }
        return mark;
    }
}
