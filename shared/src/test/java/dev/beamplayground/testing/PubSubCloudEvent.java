package dev.beamplayground.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * The CloudEvent Cloud Functions delivers for a Pub/Sub message (type
 * {@code google.cloud.pubsub.topic.v1.messagePublished}, data {@code {"message": ..., "subscription": ...}}),
 * built from a message pulled from the emulator, or from raw data for messages the emulator would not carry.
 */
public record PubSubCloudEvent(String id, String topic, byte[] data) implements CloudEvent {
    public static final String TYPE = "google.cloud.pubsub.topic.v1.messagePublished";

    public static PubSubCloudEvent of(JsonNode message, String project, String topic, String subscription) {
        String json = "{\"message\":" + message.toString() + ",\"subscription\":\"projects/" + project
                + "/subscriptions/" + subscription + "\"}";
        return new PubSubCloudEvent(message.path("messageId").asText(),
                "//pubsub.googleapis.com/projects/" + project + "/topics/" + topic,
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CloudEventData getData() {
        return data == null ? null : () -> data;
    }

    @Override
    public SpecVersion getSpecVersion() {
        return SpecVersion.V1;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public URI getSource() {
        return URI.create(topic);
    }

    @Override
    public String getDataContentType() {
        return "application/json";
    }

    @Override
    public URI getDataSchema() {
        return null;
    }

    @Override
    public String getSubject() {
        return null;
    }

    @Override
    public OffsetDateTime getTime() {
        return OffsetDateTime.now();
    }

    @Override
    public Object getAttribute(String name) {
        return switch (name) {
            case "id" -> id;
            case "type" -> TYPE;
            case "source" -> getSource();
            case "specversion" -> getSpecVersion();
            default -> null;
        };
    }

    @Override
    public Object getExtension(String name) {
        return null;
    }

    @Override
    public Set<String> getExtensionNames() {
        return Set.of();
    }
}
