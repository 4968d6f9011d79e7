package dev.beamplayground.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cloud Pub/Sub emulator in a child JVM on a free loopback port, for tests, started directly with
 * {@code java -jar} (the gcloud wrapper leaves its child behind when killed). Topics and subscriptions
 * are made and messages pulled through the emulator's REST API, so tests need no Pub/Sub client.
 *
 * <p>Usually obtained through {@link PubSubEmulatorExtension} (one per test JVM).
 */
public final class PubSubEmulator implements AutoCloseable {
    /** Project id for tests: the emulator accepts any well-formed one. */
    public static final String PROJECT_ID = "beam-playground-test";
    static final String APT_PACKAGE = "google-cloud-cli-pubsub-emulator";

    private static final Logger LOG = LoggerFactory.getLogger(PubSubEmulator.class);
    private static final String LIB = "platform/pubsub-emulator/lib";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook;

    private PubSubEmulator(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(this::destroy, "pubsub-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts an emulator on a free port and waits until it answers. */
    public static PubSubEmulator start() {
        Path jar = findJar();
        int port = TestProcesses.freePort();
        Path dir = TestProcesses.targetDir();
        Path log = dir.resolve("pubsub-emulator-" + port + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--host=127.0.0.1", "--port=" + port);
        Process process;
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Pub/Sub emulator: " + command, e);
        }
        PubSubEmulator emulator = new PubSubEmulator(process, port, log);
        try {
            emulator.awaitUp();
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        LOG.info("Pub/Sub emulator on {} up (output: {})", emulator.host(), log);
        return emulator;
    }

    /** {@code 127.0.0.1:port}: the value for PUBSUB_EMULATOR_HOST ({@code pubsub.emulator.host}). */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public String projectId() {
        return PROJECT_ID;
    }

    /** Creates a topic (and nothing if it exists). */
    public void createTopic(String topic) {
        send("PUT", "/topics/" + topic, "{}", true);
    }

    /** Creates a pull subscription on a topic. */
    public void createSubscription(String subscription, String topic) {
        send("PUT", "/subscriptions/" + subscription, "{\"topic\":\"projects/" + PROJECT_ID + "/topics/" + topic
                + "\",\"ackDeadlineSeconds\":600}", true);
    }

    /** Publishes raw bytes (for malformed-message tests). */
    public void publish(String topic, byte[] data) {
        send("POST", "/topics/" + topic + ":publish", "{\"messages\":[{\"data\":\""
                + Base64.getEncoder().encodeToString(data) + "\"}]}", false);
    }

    /**
     * Pulls what the subscription holds, waiting up to {@code timeout} for at least one message, and
     * acknowledges it. Each element is the {@code message} object as Pub/Sub delivers it (data in
     * base64, messageId, publishTime, attributes): the payload of a push or of a CloudEvent.
     */
    public List<JsonNode> pull(String subscription, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            JsonNode answer = send("POST", "/subscriptions/" + subscription + ":pull",
                    "{\"maxMessages\":100,\"returnImmediately\":true}", false);
            List<JsonNode> messages = new ArrayList<>();
            List<String> ackIds = new ArrayList<>();
            for (JsonNode received : answer.path("receivedMessages")) {
                messages.add(received.get("message"));
                ackIds.add("\"" + received.get("ackId").asText() + "\"");
            }
            if (!messages.isEmpty()) {
                send("POST", "/subscriptions/" + subscription + ":acknowledge",
                        "{\"ackIds\":[" + String.join(",", ackIds) + "]}", false);
                return messages;
            }
            TestProcesses.sleep(5, "the Pub/Sub emulator");
        } while (System.nanoTime() < deadline);
        return List.of();
    }

    /**
     * Absence without a sleep: publishes a marker to {@code topic} and pulls {@code subscription} (acknowledging)
     * until the marker comes, then once more at once; returns every other message seen. The emulator hands out a
     * subscription's messages in the order they became available, so a message published (or handed back) before
     * the marker is among them: an empty list means nothing was waiting.
     */
    public List<JsonNode> pullUntilMarker(String topic, String subscription, Duration timeout) {
        String marker = "marker-" + java.util.UUID.randomUUID();
        publish(topic, marker.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> others = new ArrayList<>();
        boolean seen = false;
        while (!seen) {
            List<JsonNode> pulled = pull(subscription, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (pulled.isEmpty()) {
                throw new IllegalStateException("the marker did not come back on " + subscription + " within "
                        + timeout.toMillis() + " ms");
            }
            for (JsonNode message : pulled) {
                if (marker.equals(data(message))) {
                    seen = true;
                } else {
                    others.add(message);
                }
            }
        }
        others.addAll(pull(subscription, Duration.ZERO));
        return others;
    }

    /** One delivery of a message: what a push or a CloudEvent carries, and the ack id that settles it. */
    public record Delivery(String ackId, JsonNode message) {
        public String messageId() {
            return message.path("messageId").asText();
        }
    }

    /**
     * Pulls one message without acknowledging it, waiting up to {@code timeout}: the subscription
     * delivers it again once it is {@link #nack nacked} (or its ack deadline passes). Fails when none comes.
     */
    public Delivery pullOne(String subscription, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            JsonNode answer = send("POST", "/subscriptions/" + subscription + ":pull",
                    "{\"maxMessages\":1,\"returnImmediately\":true}", false);
            for (JsonNode received : answer.path("receivedMessages")) {
                return new Delivery(received.get("ackId").asText(), received.get("message"));
            }
            TestProcesses.sleep(5, "the Pub/Sub emulator");
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no message on " + subscription + " within " + timeout.toMillis() + " ms");
    }

    /** Hands a delivery back (ack deadline 0), as Pub/Sub does when a push or a function fails: it comes again. */
    public void nack(String subscription, Delivery delivery) {
        send("POST", "/subscriptions/" + subscription + ":modifyAckDeadline",
                "{\"ackIds\":[\"" + delivery.ackId() + "\"],\"ackDeadlineSeconds\":0}", false);
    }

    /** Acknowledges a delivery: it does not come again. */
    public void ack(String subscription, Delivery delivery) {
        send("POST", "/subscriptions/" + subscription + ":acknowledge",
                "{\"ackIds\":[\"" + delivery.ackId() + "\"]}", false);
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down.
        }
    }

    private void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode send(String method, String path, String body, boolean conflictIsFine) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host() + "/v1/projects/" + PROJECT_ID + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409 && conflictIsFine) {
                return JSON.createObjectNode();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Pub/Sub emulator on " + host() + " did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitUp() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://" + host() + "/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Pub/Sub emulator exited with " + process.exitValue()
                        + "; its output is in " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Pub/Sub emulator", e);
            }
            TestProcesses.sleep(100, "the Pub/Sub emulator");
        }
        throw new IllegalStateException("Pub/Sub emulator did not answer on " + host() + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; its output is in " + log);
    }

    /** CLOUDSDK_ROOT, then the Debian package location. */
    static Path findJar() {
        Set<Path> roots = TestProcesses.sdkRoots();
        for (Path root : roots) {
            Path lib = root.resolve(LIB);
            if (Files.isDirectory(lib)) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "cloud-pubsub-emulator-*-all.jar")) {
                    for (Path jar : jars) {
                        return jar;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("Pub/Sub emulator not found under " + roots + "/" + LIB
                + ". Install the apt package " + APT_PACKAGE + " or set CLOUDSDK_ROOT to the Google Cloud SDK.");
    }

    /** For tests that read back what they published: the data of a pulled message. */
    public static String data(JsonNode message) {
        return new String(Base64.getDecoder().decode(message.path("data").asText()), StandardCharsets.UTF_8);
    }
}
