package dev.beamplayground.cancel.listener;

import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.edge.PubSubEventFunction;
import dev.beamplayground.edge.PubSubMessage;
import dev.beamplayground.pipeline.CancelHandler;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.wire.PipelineWire;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pub/Sub-triggered: records the cancel of the pipeline named by the message (CANCELED), which tells
 * the runner's watcher at once. A redelivered message changes nothing. A malformed message is logged
 * and acknowledged (returned from), since retrying cannot mend it; a Redis outage is thrown, so that
 * Pub/Sub delivers the message again later.
 */
public class CancelListenerFunction extends PubSubEventFunction {
    private static final Logger LOG = LoggerFactory.getLogger(CancelListenerFunction.class);

    private final BeanProvider<CancelHandler> handler = lazyBean(CancelHandler.class);

    /** As Cloud Functions makes it, once per instance. */
    public CancelListenerFunction() {
        super();
    }

    /** Over a context made by the caller (tests). */
    public CancelListenerFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void handle(String eventId, Optional<PubSubMessage> message) {
        if (message.isEmpty()) {
            LOG.warn("event {} carries no Pub/Sub message; acknowledged and dropped", eventId);
            return;
        }
        PipelineUuid uuid;
        try {
            uuid = PipelineWire.parseCancelMessage(message.get().data());
        } catch (InvalidArgumentException e) {
            LOG.warn("message {} is not a cancel request ({}); acknowledged and dropped",
                    PubSubMessage.loggableId(message.get().messageId()), e.getMessage());
            return;
        }
        handler.get().handle(uuid);
    }
}
