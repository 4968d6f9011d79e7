package dev.beamplayground.logging;

import static dev.beamplayground.processes.FunctionProcesses.freePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.beamplayground.processes.FunctionProcesses;
import dev.beamplayground.processes.FunctionProcesses.Servers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log lines a function jar really writes on Cloud Functions ({@code K_SERVICE} set), read from the stdout of
 * the jar run by the Functions Framework invoker: every line one JSON object in Cloud Logging's format, and the
 * lines a request or event causes carry its trace, span, source location and labels. The failures are real:
 * Redis is a closed port.
 */
class StructuredLogIT {
    private static final String PROJECT = "log-test-project";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String UUID = "6f1c2a9e-0b7d-4e43-9a51-3c2d8e7f1a20";
    private static final Duration START = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Map<String, String> env(String function, int closedPort) {
        return Map.of("K_SERVICE", function, "GOOGLE_CLOUD_PROJECT", PROJECT,
                "REDIS_URI", "redis://127.0.0.1:" + closedPort);
    }

    @Test
    void anHttpFunctionWritesOneJsonLinePerEventWithTheTraceOfTheRequest(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path out = dir.resolve("out.log");
        try (Servers servers = new Servers()) {
            servers.startFunction("get-pipeline-output", FunctionProcesses.HTTP_FUNCTION, port, out,
                    dir.resolve("err.log"), env("get-pipeline-output", freePort()));
            servers.awaitAll(http, START);
            HttpResponse<String> w3c = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api.v1.PlaygroundService/CheckStatus"))
                    .header("Content-Type", "application/json")
                    .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pipelineUuid\":\"" + UUID + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, w3c.statusCode(), w3c.body());
            String otherTrace = "105445aa7843bc8bf206b12000100000";
            HttpResponse<String> google = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api.v1.PlaygroundService/GetLogs"))
                    .header("Content-Type", "application/json")
                    .header("X-Cloud-Trace-Context", otherTrace + "/123;o=1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pipelineUuid\":\"" + UUID + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, google.statusCode(), google.body());

            List<JsonObject> lines = jsonLines(out);
            JsonObject warning = only(lines, l -> l.toString().contains("CheckStatus unavailable"));
            assertEquals("WARNING", warning.get("severity").getAsString());
            assertEquals("projects/" + PROJECT + "/traces/" + TRACE, warning.get("logging.googleapis.com/trace")
                    .getAsString());
            assertEquals("00f067aa0ba902b7", warning.get("logging.googleapis.com/spanId").getAsString());
            JsonObject labels = warning.getAsJsonObject("logging.googleapis.com/labels");
            assertEquals("get-pipeline-output", labels.get("function").getAsString());
            assertEquals("CheckStatus", labels.get("method").getAsString());
            JsonObject source = warning.getAsJsonObject("logging.googleapis.com/sourceLocation");
            assertEquals("RpcHandler.java", source.get("file").getAsString());
            assertTrue(warning.get("message").getAsString().contains("\tat "), "the cause's stack trace");

            JsonObject second = only(lines, l -> l.toString().contains("GetLogs unavailable"));
            assertEquals("projects/" + PROJECT + "/traces/" + otherTrace, second.get("logging.googleapis.com/trace")
                    .getAsString());
            assertEquals("000000000000007b", second.get("logging.googleapis.com/spanId").getAsString());
        }
    }

    @Test
    void anEventFunctionsFailureIsAnErrorWithTheEventsTraceAndItsStackTrace(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        try (Servers servers = new Servers()) {
            servers.startFunction("cancel-listener", FunctionProcesses.CANCEL_LISTENER, port,
                    out, err, env("cancel-listener", freePort()));
            servers.awaitAll(http, START);
            String data = Base64.getEncoder().encodeToString(("{\"pipelineUuid\":\"" + UUID + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> event = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("Content-Type", "application/json")
                    .header("ce-specversion", "1.0").header("ce-id", "log-test-1")
                    .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
                    .header("ce-source", "//pubsub.googleapis.com/projects/p/topics/cancel")
                    .header("ce-traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"message\":{\"data\":\"" + data
                            + "\",\"messageId\":\"1\"},\"subscription\":\"projects/p/subscriptions/s\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, event.statusCode(), "a Redis outage is thrown, so that Pub/Sub delivers again");

            List<JsonObject> lines = jsonLines(out);
            // The invoker's report of the failed event, bridged from java.util.logging.
            // (The readiness probe, a GET without an event, is a failure of its own: hence the cause.)
            JsonObject error = only(lines, l -> l.get("message").getAsString().startsWith("Failed to execute ")
                    && l.get("message").getAsString().contains("RedisUnavailableException"));
            assertEquals("ERROR", error.get("severity").getAsString());
            assertEquals("projects/" + PROJECT + "/traces/" + TRACE, error.get("logging.googleapis.com/trace")
                    .getAsString());
            assertTrue(error.get("message").getAsString().contains("\tat "), error.toString());
            assertEquals("type.googleapis.com/google.devtools.clouderrorreporting.v1beta1.ReportedErrorEvent",
                    error.get("@type").getAsString());
            assertEquals("cancel-listener", error.getAsJsonObject("logging.googleapis.com/labels").get("function")
                    .getAsString());
            assertFalse(Files.readString(err).contains("Failed to execute"), "the invoker's report went to the JSON lines");
        }
    }

    /** Every line of the function's stdout, each of which must be one JSON object with a severity. */
    private static List<JsonObject> jsonLines(Path out) throws Exception {
        List<JsonObject> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            try {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                assertTrue(o.has("severity") && o.has("message"), line);
                lines.add(o);
            } catch (RuntimeException e) {
                fail("a stdout line that is no JSON object: " + line);
            }
        }
        assertFalse(lines.isEmpty(), "the function wrote nothing");
        return lines;
    }

    private static JsonObject only(List<JsonObject> lines, Predicate<JsonObject> which) {
        List<JsonObject> found = lines.stream().filter(which).toList();
        assertEquals(1, found.size(), () -> "expected one such line in " + lines);
        return found.get(0);
    }
}
