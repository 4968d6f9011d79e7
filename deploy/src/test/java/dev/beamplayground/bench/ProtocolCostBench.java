package dev.beamplayground.bench;

import dev.beamplayground.api.v1.GetPrecompiledObjectsRequest;
import dev.beamplayground.api.v1.GetSnippetRequest;
import dev.beamplayground.deploy.examples.LoadExamples;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionResponse;
import dev.beamplayground.testing.LoadRun;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Per-request cost of each protocol and codec against Connect JSON, on the same function in the same process
 * (the local run's functions on SQLite with the shipped examples, called through the Functions Framework entry
 * class without a socket): GetPrecompiledObjects answered from the catalog cache, and GetSnippet. Rounds alternate
 * the order of the protocols so that load from elsewhere hits them alike. Run by {@code bench/protocols.sh}; not
 * part of the build. Settings: -Dbench.seconds=2 -Dbench.rounds=6 -Dbench.threads=1.
 */
class ProtocolCostBench {
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "2"));
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);
    private static final int THREADS = Integer.getInteger("bench.threads", 1);

    private record Protocol(String name, String contentType, byte[] body) {
    }

    @Test
    void binaryProtocolsAgainstConnectJson() throws Exception {
        Path dir = Files.createTempDirectory("protocol-bench");
        try (FunctionClient fn = FunctionClient.start(Map.of("backend.module", "sqlite",
                "backend.path", dir.resolve("bench.db").toString()))) {
            LoadExamples.load(fn.context(), Path.of("examples"));
            FunctionResponse saved = fn.call("SaveSnippet", "{\"sdk\":\"SDK_PYTHON\",\"files\":[{\"name\":\"main.py\","
                    + "\"content\":\"" + "print('hello')\\n".repeat(200) + "\"}]}");
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(saved.getBodyAsText());
            if (!id.find()) {
                throw new AssertionError(saved.getBodyAsText());
            }
            measure(fn, "GetPrecompiledObjects (cache hit)", "GetPrecompiledObjects", "{}",
                    GetPrecompiledObjectsRequest.getDefaultInstance().toByteArray());
            measure(fn, "GetSnippet (SQLite, counts the visit)", "GetSnippet", "{\"id\":\"" + id.group(1) + "\"}",
                    GetSnippetRequest.newBuilder().setId(id.group(1)).build().toByteArray());
        }
    }

    private static void measure(FunctionClient fn, String label, String method, String json, byte[] proto)
            throws Exception {
        List<Protocol> protocols = List.of(
                new Protocol("Connect JSON", "application/json", json.getBytes(StandardCharsets.UTF_8)),
                new Protocol("Connect binary", "application/proto", proto),
                new Protocol("gRPC-Web binary", "application/grpc-web+proto", frame(proto)),
                new Protocol("gRPC-Web text", "application/grpc-web-text", Base64.getEncoder().encode(frame(proto))));
        Map<String, int[]> answerBytes = new LinkedHashMap<>();
        Map<String, List<LoadRun.Result>> results = new LinkedHashMap<>();
        for (Protocol p : protocols) {
            FunctionResponse r = call(fn, method, p);
            answerBytes.put(p.name(), new int[] {r.body().length});
            results.put(p.name(), new ArrayList<>());
            LoadRun.run(THREADS, SECONDS, (t, seq) -> call(fn, method, p));
        }
        double[][] ratios = new double[protocols.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            List<Protocol> order = new ArrayList<>(protocols);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            Map<String, Double> rates = new LinkedHashMap<>();
            for (Protocol p : order) {
                LoadRun.Result r = LoadRun.run(THREADS, SECONDS, (t, seq) -> call(fn, method, p));
                results.get(p.name()).add(r);
                rates.put(p.name(), r.perSecond());
            }
            for (int i = 0; i < protocols.size(); i++) {
                ratios[i][round] = rates.get(protocols.get(i).name()) / rates.get("Connect JSON");
            }
        }
        System.out.printf("[protocols] %s, %d thread(s), %d rounds of %.1f s:%n", label, THREADS, ROUNDS, SECONDS);
        for (int i = 0; i < protocols.size(); i++) {
            Protocol p = protocols.get(i);
            LoadRun.Result all = LoadRun.merge(results.get(p.name()));
            double[] r = ratios[i].clone();
            Arrays.sort(r);
            System.out.printf("[protocols]   %-16s %8.0f req/s  p50 %6.3f ms  p99 %6.3f ms  request %6d B  answer %6d B"
                            + "  throughput vs Connect JSON: median %.2f (rounds %.2f-%.2f)%n", p.name(),
                    all.perSecond(), all.p50(), all.p99(), p.body().length, answerBytes.get(p.name())[0],
                    (r[(ROUNDS - 1) / 2] + r[ROUNDS / 2]) / 2, r[0], r[ROUNDS - 1]);
        }
    }

    private static FunctionResponse call(FunctionClient fn, String method, Protocol p) {
        FunctionResponse r = fn.send("POST", FunctionClient.SERVICE + method, p.body(), p.contentType());
        if (r.getStatusCode() != 200 || r.header("grpc-status") != null) {
            throw new AssertionError(p.name() + ": " + r.getStatusCode() + " " + r.header("grpc-message") + " "
                    + r.getBodyAsText());
        }
        return r;
    }

    private static byte[] frame(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(new byte[] {(byte) (message.length >>> 24), (byte) (message.length >>> 16),
                (byte) (message.length >>> 8), (byte) message.length});
        out.writeBytes(message);
        return out.toByteArray();
    }
}
