package dev.beamplayground.cancel.listener;

import com.google.events.cloud.pubsub.v1.MessagePublishedData;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.edge.CloudEventData;
import dev.beamplayground.logging.Printable;
import dev.beamplayground.pipeline.CancelHandler;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.wire.PipelineWire;
import dev.beamplayground.logging.LogContext;
import dev.beamplayground.logging.PlaygroundLogging;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventContext;
import io.micronaut.gcp.function.cloudevents.GoogleCloudEventsFunction;
import jakarta.inject.Inject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pub/Sub-triggered: records the cancel of the pipeline named by the message (CANCELED), which tells
 * the runner's watcher at once. A redelivered message changes nothing. A malformed message is logged
 * and acknowledged (returned from), since retrying cannot mend it; a Redis outage is thrown, so that
 * Pub/Sub delivers the message again later.
 */
public class CancelListenerFunction extends GoogleCloudEventsFunction<MessagePublishedData> {
    private static final Logger LOG = LoggerFactory.getLogger(CancelListenerFunction.class);

    /** Made by the invoker once per instance: from here on its own reports go to the same log lines. */
    public CancelListenerFunction() {
        PlaygroundLogging.bridgeJavaUtilLogging();
    }

    @Inject
    CancelHandler handler;

    @Override
    protected void accept(CloudEventContext context, MessagePublishedData data) {
        if (data == null || !data.hasMessage()) {
            LOG.warn("event {} carries no Pub/Sub message; acknowledged and dropped", loggableId(context.getId()));
            return;
        }
        PipelineUuid uuid;
        try {
            uuid = PipelineWire.parseCancelMessage(data.getMessage().getData().toByteArray());
        } catch (InvalidArgumentException e) {
            LOG.warn("message {} is not a cancel request ({}); acknowledged and dropped",
                    loggableId(data.getMessage().getMessageId()), e.getMessage());
            return;
        }
        handler.handle(uuid);
    }

    /** The event's data, mapped as every event function maps it ({@link CloudEventData}). */
    @Override
    protected Optional<MessagePublishedData> map(CloudEvent event, Class<MessagePublishedData> type) {
        return CloudEventData.of(event, MessagePublishedData.getDefaultInstance());
    }

    /** Ids come from Pub/Sub, but are reduced to safe characters before they reach a log line all the same. */
    static String loggableId(String id) {
        if (id == null) {
            return "(no id)";
        }
        return Printable.of(id, 64);
    }

    /**
     * Every line logged for the event carries its trace; when the event fails, the context stays for the invoker's
     * report of the failure (bridged from java.util.logging) and the next event replaces it.
     */
    @Override
    public void accept(CloudEvent event) throws Exception {
        LogContext.startEvent(event.getExtension("traceparent"));
        super.accept(event);
        LogContext.clear();
    }
}
