package dev.beamplayground.edge;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.logging.Printable;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping of a CloudEvent's data to its event type, for every event function (Pub/Sub's
 * {@code MessagePublishedData} for cancel-listener and maintenance): the types of google-cloudevent-types are
 * protobuf messages, so the data (proto3 JSON) is read with protobuf's own parser (base64 bytes, timestamps),
 * unknown fields ignored. Data that is absent or not such a message maps to nothing, logged once here; what the
 * function does then is its own choice.
 */
public final class CloudEventData {
    private static final Logger LOG = LoggerFactory.getLogger(CloudEventData.class);
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private CloudEventData() {
    }

    /** @param type the default instance of the event type, e.g. {@code MessagePublishedData.getDefaultInstance()} */
    @SuppressWarnings("unchecked")
    public static <M extends Message> Optional<M> of(CloudEvent event, M type) {
        if (event.getData() == null) {
            return Optional.empty();
        }
        Message.Builder data = type.newBuilderForType();
        try {
            PARSER.merge(new String(event.getData().toBytes(), StandardCharsets.UTF_8), data);
            return Optional.of((M) data.build());
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            LOG.warn("event {} has data that is not a {}", Printable.of(event.getId(), 64),
                    type.getDescriptorForType().getName());
            return Optional.empty();
        }
    }
}
