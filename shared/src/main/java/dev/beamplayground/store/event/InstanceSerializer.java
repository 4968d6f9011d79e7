package dev.beamplayground.store.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.beamplayground.domain.error.InternalException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that turns an entity's property bag into an event payload and back: payload
 * {@code {"type": kind, "instance": base64(serialized object)}}, the object being
 * {@code {"properties": {...}, "version": 1}} as canonical JSON (keys sorted at every level), so equal
 * bags give equal bytes. Property values are strings, longs, booleans, lists and maps of these.
 * Swapping the object serialization (for the versioned-object codec) changes this class only.
 */
final class InstanceSerializer {
    /** Version of the serialized object's layout. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private InstanceSerializer() {
    }

    /** The payload of a put event. */
    static String payload(String kind, Map<String, Object> properties) {
        Map<String, Object> instance = new TreeMap<>();
        instance.put("properties", properties);
        instance.put("version", VERSION);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", kind);
        payload.put("instance", Base64.getEncoder().encodeToString(write(instance)));
        return new String(write(payload), StandardCharsets.UTF_8);
    }

    /** The property bag of a put event's payload, checking it is of {@code kind}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(String kind, String payload) {
        Map<String, Object> outer = read(payload.getBytes(StandardCharsets.UTF_8));
        if (!kind.equals(outer.get("type")) || !(outer.get("instance") instanceof String instance)) {
            throw new InternalException("an event payload does not match its type", null);
        }
        Map<String, Object> object;
        try {
            object = read(Base64.getDecoder().decode(instance));
        } catch (IllegalArgumentException e) {
            throw new InternalException("an event instance is not base64", e);
        }
        if (!(object.get("version") instanceof Long v) || v != VERSION
                || !(object.get("properties") instanceof Map<?, ?> properties)) {
            throw new InternalException("an event instance has an unknown layout", null);
        }
        return (Map<String, Object>) properties;
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new InternalException("an entity cannot be serialized", e);
        }
    }

    private static Map<String, Object> read(byte[] json) {
        try {
            Map<String, Object> map = JSON.readValue(json, MAP);
            if (map == null) {
                throw new InternalException("an event payload is empty", null);
            }
            return map;
        } catch (java.io.IOException e) {
            throw new InternalException("an event payload is not JSON", e);
        }
    }
}
