package dev.beamplayground.edge;

import dev.beamplayground.logging.Printable;
import io.cloudevents.CloudEvent;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Pub/Sub message a {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent carries: its data is
 * {@code {"message": {"data": base64, "attributes": {...}, "messageId": ...}, "subscription": ...}}. Read with
 * {@link EventJson}, no generated event types: the one place where event functions map an event to a message.
 *
 * @param messageId  as Pub/Sub gave it; pass it through {@link #loggableId} before logging
 * @param data       the decoded payload, empty when the message has none
 * @param attributes the message's attributes
 */
public record PubSubMessage(String messageId, byte[] data, Map<String, String> attributes) {
    private static final int LOGGED_ID_LENGTH = 64;

    /** The message of the event; empty when the event carries no data or data that is not a Pub/Sub message. */
    public static Optional<PubSubMessage> of(CloudEvent event) {
        return event.getData() == null ? Optional.empty() : of(event.getData().toBytes());
    }

    /** The message in an event's data. */
    static Optional<PubSubMessage> of(byte[] eventData) {
        try {
            if (!(EventJson.parse(eventData) instanceof Map<?, ?> root)
                    || !(root.get("message") instanceof Map<?, ?> message)) {
                return Optional.empty();
            }
            return Optional.of(new PubSubMessage(text(message, "messageId"), data(message), attributes(message)));
        } catch (IllegalArgumentException e) {
            // Not JSON, a value of the wrong type or base64 that does not decode: not a Pub/Sub message.
            return Optional.empty();
        }
    }

    private static String text(Map<?, ?> object, String name) {
        Object value = object.get(name);
        return value == null || value == EventJson.NULL ? null : EventJson.text(value);
    }

    private static byte[] data(Map<?, ?> message) {
        String data = text(message, "data");
        return data == null ? new byte[0] : Base64.getDecoder().decode(data);
    }

    private static Map<String, String> attributes(Map<?, ?> message) {
        Object value = message.get("attributes");
        if (value == null || value == EventJson.NULL) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("attributes is not an object");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        object.forEach((name, v) -> attributes.put((String) name, EventJson.text(v)));
        return Map.copyOf(attributes);
    }

    /** Ids come from Pub/Sub, but pass the one log policy before they reach a log line all the same. */
    public static String loggableId(String id) {
        return id == null ? "(no id)" : Printable.of(id, LOGGED_ID_LENGTH);
    }
}
