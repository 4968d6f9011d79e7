package dev.beamplayground.testing.badinput;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionResponse;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends malformed requests to a started function, one named dynamic test each: the answer must be a 4xx Connect
 * error ({@link BadInputAssertions}), the store must look the same afterwards ({@link StoreProbe}), and what the
 * function logged meanwhile must hold no forged line nor raw escape character. The first dynamic test checks that
 * the capture reads the stream the functions' logger writes to. Counts answers by status and code for the report.
 */
public final class BadInputRun {
    private static final Map<String, Map<String, Integer>> TALLY = new ConcurrentHashMap<>();
    private static final Logger LOG = LoggerFactory.getLogger(BadInputRun.class);

    /** Where the requests go: a started function ({@link FunctionClient#send}), or a stand-in for tests of this run. */
    @FunctionalInterface
    public interface Endpoint {
        FunctionResponse send(String method, String pathAndQuery, byte[] body, Map<String, String> headers);
    }

    private final String label;
    private final Endpoint function;
    private final StoreProbe probe;

    /**
     * @param label    names the function (and backend) in the report
     * @param function the started function
     * @param probe    the picture of every store the function may write to
     */
    public BadInputRun(String label, FunctionClient function, StoreProbe probe) {
        this(label, (Endpoint) function::send, probe);
    }

    public BadInputRun(String label, Endpoint function, StoreProbe probe) {
        this.label = label;
        this.function = function;
        this.probe = probe;
    }

    public Stream<DynamicTest> tests(List<BadRequest> cases) {
        Map<String, Integer> tally = TALLY.computeIfAbsent(label, k -> new TreeMap<>());
        tally.merge("cases", cases.size(), Integer::sum);
        String[] baseline = {null};
        Stream<DynamicTest> each = cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            if (baseline[0] == null) {
                baseline[0] = probe.snapshot();
            }
            String before = baseline[0];
            FunctionResponse[] response = {null};
            String logged = captured(() -> response[0] = function.send(c.method(), c.path(), c.body(), c.headers()));
            synchronized (tally) {
                tally.merge(c.grpcWeb() ? "grpc-status " + response[0].header("grpc-status")
                        : response[0].getStatusCode() + " " + codeOf(response[0]), 1, Integer::sum);
            }
            try {
                assertFalse(logged.contains("\u001b"), () -> "an escape character reached the log: " + logged);
                assertFalse(logged.lines().anyMatch(l -> l.startsWith(MalformedRequests.FORGED)),
                        () -> "a forged log line: " + logged);
                String after = probe.snapshot();
                // A case that wrote fails alone: the next one compares with what it left.
                baseline[0] = after;
                BadInputAssertions.assertUnchanged(before, after);
                if (c.grpcWeb()) {
                    BadInputAssertions.assertGrpcWebRejection(c, response[0]);
                } else {
                    BadInputAssertions.assertConnectRejection(c, response[0]);
                }
            } catch (AssertionError e) {
                // Surefire's report names dynamic tests by number: the case's name goes into the failure.
                throw new AssertionError(c.name() + ": " + e.getMessage(), e);
            }
        }));
        return Stream.concat(Stream.of(DynamicTest.dynamicTest("the capture reads the functions' log stream",
                BadInputRun::captureSeesTheLogger)), each);
    }

    /** A line logged through the functions' SLF4J provider, as a function logs, must be in what is captured. */
    private static void captureSeesTheLogger() {
        String probe = "bad-input log probe " + UUID.randomUUID();
        String logged = captured(() -> LOG.warn("{}", probe));
        assertTrue(logged.contains(probe), () -> "the capture missed a log line ("
                + LoggerFactory.getILoggerFactory().getClass().getName() + "): '" + logged + "'");
    }

    /** What was written to stdout and stderr (every logger of the functions writes to one of them) meanwhile. */
    private static String captured(Runnable action) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.out.flush();
            System.err.flush();
            System.setErr(err);
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static String codeOf(FunctionResponse response) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"")
                .matcher(response.getBodyAsText());
        return m.find() ? m.group(1) : "(no code)";
    }

    /** Per function: cases, then answers by "status code"; and the totals. */
    public static String report() {
        StringBuilder out = new StringBuilder("bad-input answers:\n");
        new TreeMap<>(TALLY).forEach((label, counts) -> out.append("  ").append(label).append(": ").append(counts)
                .append('\n'));
        int total = TALLY.values().stream().mapToInt(m -> m.getOrDefault("cases", 0)).sum();
        return out.append("  total cases run: ").append(total).toString();
    }

    /** Writes to the real stream and to a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
