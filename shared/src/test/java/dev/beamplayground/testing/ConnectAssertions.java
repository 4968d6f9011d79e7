package dev.beamplayground.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.testing.FunctionResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on Connect answers. */
public final class ConnectAssertions {
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");

    private ConnectAssertions() {
    }

    /** The answer is a Connect error with this HTTP status and code, and a message. */
    public static void assertConnectError(FunctionResponse response, int status, String code) {
        String body = response.getBodyAsText();
        assertEquals(status, response.getStatusCode(), () -> "status of " + body);
        Matcher m = CODE.matcher(body);
        assertTrue(m.find(), () -> "no Connect error code in " + body);
        assertEquals(code, m.group(1), body);
        assertTrue(body.contains("\"message\""), body);
        assertTrue(String.valueOf(response.header("Content-Type")).startsWith("application/json"), body);
    }

    /** The answer is a 200 with a JSON body; returns the body. */
    public static String assertOk(FunctionResponse response) {
        String body = response.getBodyAsText();
        assertEquals(200, response.getStatusCode(), () -> "status of " + body);
        return body;
    }

    /** A string field of a flat JSON answer. */
    public static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), () -> name + " missing in " + json);
        return m.group(1);
    }
}
