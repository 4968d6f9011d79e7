package dev.beamplayground.store.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.versioning.VersionedObject;
import dev.beamplayground.versioning.VersionedObjectFormat;
import java.util.Base64;

/**
 * The one place that turns an entity into an event payload and back: {@code {"type": kind, "instance":
 * base64(serialized versioned object)}}, the object in {@link VersionedObjectFormat} (kind, key, object
 * version and every property; the same object always gives the same bytes).
 */
final class InstanceSerializer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InstanceSerializer() {
    }

    static String payload(VersionedObject object) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("type", object.kind());
        payload.put("instance", Base64.getEncoder().encodeToString(VersionedObjectFormat.toBytes(object)));
        return payload.toString();
    }

    /** The object of a put event's payload, checked to be the entity the event type names. */
    static VersionedObject object(String kind, String id, String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new InternalException("an event payload is not JSON", e);
        }
        JsonNode type = root == null ? null : root.get("type");
        JsonNode instance = root == null ? null : root.get("instance");
        if (type == null || !kind.equals(type.asText()) || instance == null || !instance.isTextual()) {
            throw new InternalException("an event payload does not match its type");
        }
        VersionedObject object;
        try {
            object = VersionedObjectFormat.fromBytes(Base64.getDecoder().decode(instance.textValue()));
        } catch (IllegalArgumentException e) {
            throw new InternalException("an event instance is not a serialized versioned object", e);
        }
        if (!object.kind().equals(kind) || !object.key().equals(id)) {
            throw new InternalException("an event instance is of another entity than its type names");
        }
        return object;
    }
}
