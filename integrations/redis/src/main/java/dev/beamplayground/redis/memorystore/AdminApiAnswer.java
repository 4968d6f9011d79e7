package dev.beamplayground.redis.memorystore;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API's JSON: an {@code Instance} (the fields the endpoint needs; proto3 JSON leaves out fields at their
 * default, so an absent field reads as its default) or an error body. Strict JSON, read with Gson.
 */
final class AdminApiAnswer {
    /** The longest part of an error body's message that goes into an exception's message. */
    static final int MAX_DETAIL_CHARS = 200;

    /** What the endpoint is made of. */
    record Instance(String state, String host, int port, String transitEncryptionMode, List<String> serverCaCerts,
            boolean authEnabled) {
    }

    private AdminApiAnswer() {
    }

    /** @throws IllegalArgumentException when {@code body} is not JSON of an instance; the message says what */
    static Instance instance(String body) {
        JsonObject instance = object(body);
        List<String> certs = new ArrayList<>();
        JsonElement list = instance.get("serverCaCerts");
        if (list != null && !list.isJsonNull()) {
            if (!list.isJsonArray()) {
                throw new IllegalArgumentException("serverCaCerts is not a list");
            }
            for (JsonElement cert : (JsonArray) list) {
                if (!cert.isJsonObject()) {
                    throw new IllegalArgumentException("serverCaCerts holds what is not a certificate");
                }
                certs.add(text(cert.getAsJsonObject(), "cert", ""));
            }
        }
        String state = text(instance, "state", "STATE_UNSPECIFIED");
        if (!state.matches("[A-Z_]{1,64}")) {
            throw new IllegalArgumentException("state is not a state");
        }
        return new Instance(state, text(instance, "host", ""),
                port(instance), text(instance, "transitEncryptionMode", "TRANSIT_ENCRYPTION_MODE_UNSPECIFIED"),
                certs, flag(instance, "authEnabled"));
    }

    /**
     * What an error body ({@code {"error": {"status": ..., "message": ...}}}) says, as " STATUS: message" with the
     * message cut to {@value #MAX_DETAIL_CHARS} characters and control characters blanked; empty when the body is
     * no such JSON (a proxy's page), which is not repeated.
     */
    static String errorDetail(String body) {
        try {
            JsonElement error = object(body).get("error");
            if (error == null || !error.isJsonObject()) {
                return "";
            }
            String status = text(error.getAsJsonObject(), "status", "");
            String message = text(error.getAsJsonObject(), "message", "").replaceAll("\\p{Cntrl}", " ").strip();
            if (message.length() > MAX_DETAIL_CHARS) {
                message = message.substring(0, MAX_DETAIL_CHARS) + "...";
            }
            return (status.isEmpty() ? "" : " " + status.replaceAll("[^A-Z_]", "")) + (message.isEmpty() ? "" : ": " + message);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static JsonObject object(String body) {
        JsonElement element;
        try {
            JsonReader reader = new JsonReader(new StringReader(body));
            reader.setStrictness(Strictness.STRICT);
            element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("not JSON: more follows the value");
            }
        } catch (JsonParseException | IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return element.getAsJsonObject();
    }

    private static JsonPrimitive primitive(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive()) {
            throw new IllegalArgumentException(field + " is not a single value");
        }
        return value.getAsJsonPrimitive();
    }

    private static String text(JsonObject object, String field, String absent) {
        JsonPrimitive value = primitive(object, field);
        if (value == null) {
            return absent;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return value.getAsString();
    }

    private static boolean flag(JsonObject object, String field) {
        JsonPrimitive value = primitive(object, field);
        if (value != null && !value.isBoolean()) {
            throw new IllegalArgumentException(field + " is not true or false");
        }
        return value != null && value.getAsBoolean();
    }

    /** proto3 JSON writes an int32 as a number, and readers take its decimal string too. */
    private static int port(JsonObject object) {
        JsonPrimitive value = primitive(object, "port");
        if (value == null) {
            return 0;
        }
        try {
            int port = new BigDecimal(value.getAsString()).intValueExact();
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is not a port");
            }
            return port;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("port is not a port number");
        }
    }
}
