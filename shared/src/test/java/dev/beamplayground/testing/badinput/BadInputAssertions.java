package dev.beamplayground.testing.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamplayground.testing.FunctionResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/** What every answer to a malformed request must be: a Connect error, 4xx, with the code its status stands for. */
public final class BadInputAssertions {
    /**
     * The Connect codes a 4xx status may carry, as the design maps them: {@code invalid_argument} 400 (405 for
     * a wrong HTTP method, 415 for a wrong content type), {@code failed_precondition} 400, {@code not_found}
     * 404, {@code resource_exhausted} 413 (body over the bound) or 429.
     */
    static final Map<Integer, Set<String>> CODES = Map.of(
            400, Set.of("invalid_argument", "failed_precondition"),
            404, Set.of("not_found"),
            405, Set.of("invalid_argument"),
            413, Set.of("resource_exhausted"),
            415, Set.of("invalid_argument"),
            429, Set.of("resource_exhausted"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private BadInputAssertions() {
    }

    /**
     * The answer is one of the case's expected statuses with a Connect error body ({@code code} and {@code
     * message} strings, nothing else) in {@code application/json}, the code matching the status, and a message
     * free of control characters (nothing of the request reflected raw). Returns the code.
     */
    public static String assertConnectRejection(BadRequest c, FunctionResponse response) {
        int status = response.getStatusCode();
        String body = response.getBodyAsText();
        String shown = (body.length() > 300 ? body.substring(0, 300) + "..." : body).replaceAll("\\p{Cntrl}", "?");
        assertTrue(status >= 400 && status < 500, () -> "not a 4xx: " + status + " " + shown);
        assertTrue(c.statuses().contains(status), () -> "status " + status + ", expected one of " + c.statuses()
                + ": " + shown);
        String type = String.valueOf(response.header("Content-Type"));
        assertTrue(type.startsWith("application/json"), () -> "Content-Type '" + type + "' of " + shown);
        JsonNode error;
        try {
            error = JSON.readTree(body);
        } catch (IOException e) {
            return fail("not a JSON body: " + shown);
        }
        assertTrue(error != null && error.isObject(), () -> "not a JSON object: " + shown);
        assertTrue(error.path("code").isTextual() && error.path("message").isTextual(),
                () -> "not a Connect error (code, message): " + shown);
        error.fieldNames().forEachRemaining(name -> assertTrue(Set.of("code", "message", "details").contains(name),
                () -> "unexpected member " + name + " in " + shown));
        String code = error.get("code").asText();
        assertTrue(CODES.get(status).contains(code), () -> "code " + code + " does not go with HTTP " + status);
        String message = error.get("message").asText();
        assertFalse(message.isBlank(), () -> "empty message: " + shown);
        assertFalse(message.chars().anyMatch(Character::isISOControl),
                () -> "the message reflects control characters: " + shown);
        assertFalse(message.contains("Exception") || message.contains("\tat "), () -> "internals in the message: "
                + message);
        return code;
    }

    /**
     * The answer is gRPC-Web's trailers-only error: HTTP 200, a gRPC-Web content type, one of the case's grpc-status
     * codes and a grpc-message (percent-encoded, so free of raw control characters and of internals) in the
     * headers, no body. Returns the status.
     */
    public static String assertGrpcWebRejection(BadRequest c, FunctionResponse response) {
        String shown = response.getBodyAsText().replaceAll("\\p{Cntrl}", "?");
        assertEquals(200, response.getStatusCode(), () -> "gRPC-Web answers errors with HTTP 200: " + shown);
        String type = String.valueOf(response.header("Content-Type"));
        assertTrue(type.startsWith("application/grpc-web"), () -> "Content-Type '" + type + "'");
        String status = response.header("grpc-status");
        assertTrue(status != null && status.matches("[0-9]+"), () -> "no grpc-status header; body " + shown);
        assertTrue(c.grpcStatuses().contains(Integer.parseInt(status)), () -> "grpc-status " + status
                + ", expected one of " + c.grpcStatuses() + ": " + response.header("grpc-message"));
        String message = response.header("grpc-message");
        assertTrue(message != null && !message.isBlank(), "no grpc-message");
        assertFalse(message.chars().anyMatch(ch -> ch < 0x20 || ch > 0x7e), () -> "grpc-message not percent-encoded: "
                + message);
        String decoded = java.net.URLDecoder.decode(message.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(decoded.chars().anyMatch(Character::isISOControl), () -> "the message reflects control characters: "
                + message);
        assertFalse(decoded.contains("Exception") || decoded.contains("\tat "), () -> "internals in the message: "
                + decoded);
        assertEquals(0, response.body().length, "a trailers-only answer has no body");
        return status;
    }

    /** Nothing written: the store looks the same after the call as before it. */
    public static void assertUnchanged(String before, String after) {
        assertEquals(before, after, "the request wrote to the store");
    }
}
