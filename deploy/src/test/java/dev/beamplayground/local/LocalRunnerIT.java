package dev.beamplayground.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local runner as a user starts it: its own process, real HTTP, both functions, SQLite on disk. */
class LocalRunnerIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void savesAndReadsASnippetThroughOneLocalProcess(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("runner.log");
        Process runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dport=" + port,
                "-Dplayground.data=" + dir.resolve("data"),
                "-Dplayground.examples=" + Path.of("examples").toAbsolutePath(), LocalRunner.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String saved = postWhenUp(port, "SaveSnippet",
                    "{\"sdk\":\"SDK_PYTHON\",\"files\":[{\"name\":\"main.py\",\"content\":\"print('hi')\"}]}");
            Matcher id = Pattern.compile("\"id\":\"([A-Za-z0-9_-]+)\"").matcher(saved);
            assertTrue(id.find(), saved);

            HttpResponse<String> got = post(port, "GetSnippet", "{\"id\":\"" + id.group(1) + "\"}");
            assertEquals(200, got.statusCode(), got.body());
            // JsonFormat escapes the quote as \u0027, which is the same JSON string.
            assertTrue(got.body().contains("print(\\u0027hi\\u0027)"), got.body());
            assertTrue(got.body().contains("SDK_PYTHON"), got.body());
            assertTrue(Files.size(dir.resolve("data").resolve("playground.db")) > 0);

            HttpResponse<String> missing = post(port, "GetSnippet", "{\"id\":\"nothingHere\"}");
            assertEquals(404, missing.statusCode(), missing.body());

            // Pipeline state and Cancel are served too, without Redis or Pub/Sub (in-process store and bus).
            String unknownPipeline = "{\"pipelineUuid\":\"6f1c2a9e-0b7d-4e43-9a51-3c2d8e7f1a20\"}";
            HttpResponse<String> status = post(port, "CheckStatus", unknownPipeline);
            assertEquals(404, status.statusCode(), status.body());
            HttpResponse<String> cancel = post(port, "Cancel", unknownPipeline);
            assertEquals(404, cancel.statusCode(), cancel.body());
            assertTrue(cancel.body().contains("not_found"), cancel.body());
            // The shipped examples were loaded on this first start and are served from the catalog.
            HttpResponse<String> catalog = post(port, "GetPrecompiledObjects", "{\"sdk\":\"SDK_GO\"}");
            assertEquals(200, catalog.statusCode(), catalog.body());
            assertTrue(catalog.body().contains("\"cloudPath\":\"SDK_GO_WordCount\""), catalog.body());
            HttpResponse<String> code = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api.v1.PlaygroundService/GetPrecompiledObjectCode?encoding=json&message="
                    + java.net.URLEncoder.encode("{\"cloudPath\":\"SDK_PYTHON_WordCount\"}",
                    java.nio.charset.StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, code.statusCode(), code.body());
            assertTrue(code.body().contains("words.py"), code.body());
            assertTrue(code.headers().firstValue("ETag").isPresent());
        } finally {
            runner.descendants().forEach(ProcessHandle::destroy);
            runner.destroy();
            if (!runner.waitFor(10, TimeUnit.SECONDS)) {
                runner.destroyForcibly();
            }
        }
        // SIGTERM closed the context: the store's last connection checkpointed SQLite's write-ahead log into the
        // file and removed it, as an instance stopped by Cloud Run closes its clients.
        assertTrue(Files.notExists(dir.resolve("data").resolve("playground.db-wal")),
                () -> "the store was not closed on SIGTERM:\n" + readLog(log));
    }

    /**
     * Settings as environment variables alone, as a user types {@code BACKEND_PATH=data/other.db
     * ./deploy/run-local.sh}: the store file, the port and the allowed origins all come from the variables.
     */
    @Test
    void environmentVariablesAloneConfigureTheRun(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path log = dir.resolve("runner.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dplayground.data=" + dir.resolve("data"),
                "-Dplayground.examples=" + dir.resolve("no-examples"), LocalRunner.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("BACKEND_PATH", dir.resolve("other.db").toString());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("CORS_ALLOWED_ORIGINS", "https://play.example.org");
        Process runner = builder.start();
        try {
            postWhenUp(port, "SaveSnippet", "{\"sdk\":\"SDK_GO\",\"files\":[{\"name\":\"m.go\",\"content\":\"x\"}]}");
            assertTrue(Files.size(dir.resolve("other.db")) > 0, () -> "not in BACKEND_PATH:\n" + readLog(log));
            assertTrue(Files.notExists(dir.resolve("data").resolve("playground.db")), "the default file was used");
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api.v1.PlaygroundService/GetSnippet"))
                    .header("Origin", "https://play.example.org").header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, preflight.statusCode(), () -> "CORS_ALLOWED_ORIGINS not applied:\n" + readLog(log));
        } finally {
            runner.descendants().forEach(ProcessHandle::destroy);
            runner.destroy();
            if (!runner.waitFor(10, TimeUnit.SECONDS)) {
                runner.destroyForcibly();
            }
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String postWhenUp(int port, String method, String json) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                HttpResponse<String> response = post(port, method, json);
                assertEquals(200, response.statusCode(), response.body());
                return response.body();
            } catch (IOException notUpYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the local runner did not answer within 60 s", notUpYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private HttpResponse<String> post(int port, String method, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api.v1.PlaygroundService/" + method))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
