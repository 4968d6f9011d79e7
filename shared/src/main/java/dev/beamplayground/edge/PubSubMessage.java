package dev.beamplayground.edge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.beamplayground.logging.Printable;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Pub/Sub message a {@code google.cloud.pubsub.topic.v1.messagePublished} CloudEvent carries: its data is
 * {@code {"message": {"data": base64, "attributes": {...}, "messageId": ...}, "subscription": ...}}. Read with
 * Gson's tree model, no generated event types: the one place where event functions map an event to a message.
 *
 * @param messageId  as Pub/Sub gave it; pass it through {@link #loggableId} before logging
 * @param data       the decoded payload, empty when the message has none
 * @param attributes the message's attributes
 */
public record PubSubMessage(String messageId, byte[] data, Map<String, String> attributes) {
    private static final int LOGGED_ID_LENGTH = 64;

    /** The message of the event; empty when the event carries no data or data that is not a Pub/Sub message. */
    public static Optional<PubSubMessage> of(CloudEvent event) {
        if (event.getData() == null) {
            return Optional.empty();
        }
        try {
            JsonElement root = JsonParser.parseString(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
            if (!root.isJsonObject() || !root.getAsJsonObject().has("message")
                    || !root.getAsJsonObject().get("message").isJsonObject()) {
                return Optional.empty();
            }
            JsonObject message = root.getAsJsonObject().getAsJsonObject("message");
            return Optional.of(new PubSubMessage(text(message, "messageId"), data(message), attributes(message)));
        } catch (RuntimeException e) {
            // Not JSON, a value of the wrong type or base64 that does not decode: not a Pub/Sub message.
            return Optional.empty();
        }
    }

    private static String text(JsonObject object, String name) {
        JsonElement value = object.get(name);
        return value == null || value.isJsonNull() ? null : value.getAsJsonPrimitive().getAsString();
    }

    private static byte[] data(JsonObject message) {
        String data = text(message, "data");
        return data == null ? new byte[0] : Base64.getDecoder().decode(data);
    }

    private static Map<String, String> attributes(JsonObject message) {
        JsonElement value = message.get("attributes");
        if (value == null || value.isJsonNull()) {
            return Map.of();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        value.getAsJsonObject().entrySet()
                .forEach(e -> attributes.put(e.getKey(), e.getValue().getAsJsonPrimitive().getAsString()));
        return Map.copyOf(attributes);
    }

    /** Ids come from Pub/Sub, but pass the one log policy before they reach a log line all the same. */
    public static String loggableId(String id) {
        return id == null ? "(no id)" : Printable.of(id, LOGGED_ID_LENGTH);
    }
}
