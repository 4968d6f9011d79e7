package dev.beamplayground.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.processes.FunctionProcesses;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function's first answer that reads Redis goes through the functions' own RESP client ({@code redis.resp}):
 * neither Jedis nor commons-pool2 is loaded for it (about two hundred classes at every cold start). Jedis stays in the
 * jar for subscriptions, which no request path uses. Nor are protobuf's descriptors built for the request's JSON.
 */
@ExtendWith(RedisServerExtension.class)
class RedisClientClassesIT {
    @TempDir
    Path dir;

    @Test
    void aColdStartThatReadsRedisLoadsNoJedisAndBuildsNoDescriptor(RedisServer redis) throws Exception {
        Path classes = dir.resolve("classes.log");
        int port = FunctionProcesses.freePort();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> answer;
        try (FunctionProcesses.Servers servers = new FunctionProcesses.Servers()) {
            servers.startFunction("get-pipeline-output", FunctionProcesses.HTTP_FUNCTION, port, dir.resolve("out.log"),
                    null, Map.of("REDIS_URI", "redis://127.0.0.1:" + redis.port()),
                    "-Xlog:class+load=info:file=" + classes);
            servers.awaitAll(http, Duration.ofSeconds(60));
            answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api.v1.PlaygroundService/CheckStatus"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pipelineUuid\":\"3f0c1bde-8f5e-4c57-9d5c-0a1b2c3d4e5f\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        // An unknown pipeline: Redis was asked, and said there is none.
        assertEquals(404, answer.statusCode(), answer.body());
        List<String> loaded = Files.readAllLines(classes);
        assertTrue(loaded.stream().anyMatch(line -> line.contains("dev.beamplayground.redis.resp.RespConnection ")),
                "the answer did not go through the RESP client");
        assertEquals(List.of(), loaded.stream()
                .filter(line -> line.contains(" redis.clients.") || line.contains(" org.apache.commons.pool2."))
                .toList(), "Jedis or commons-pool2 loaded for a command");
        // The JSON codec reads the request by api.schema: protobuf's descriptors are not built (about 100 ms).
        assertEquals(List.of(), loaded.stream()
                .filter(line -> line.contains(" com.google.protobuf.Descriptors$FileDescriptor "))
                .toList(), "the call built protobuf's descriptors");
    }
}
