package dev.beamplayground.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beamplayground.deploy.examples.LoadExamples;
import dev.beamplayground.local.LocalRunner;
import dev.beamplayground.processes.FunctionProcesses;
import dev.beamplayground.processes.FunctionProcesses.Servers;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import static dev.beamplayground.processes.FunctionProcesses.freePort;
import static dev.beamplayground.processes.FunctionProcesses.functionJar;
import static dev.beamplayground.processes.FunctionProcesses.invokerJar;
import static dev.beamplayground.processes.FunctionProcesses.stop;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients nobody here wrote, against the servers as they are deployed: the node tests of {@code deploy/clients}
 * (connect-es, Google's grpc-web runtime, buf curl, headless Chromium on an allowed and a blocked origin) run
 * once against the local runner and once against the function jars, each in its own process under the Functions
 * Framework invoker with the method paths routed to them as the load balancer does. Needs node and npm (the
 * packages come from package-lock.json through {@code npm ci}) and Debian's chromium.
 */
class RealClientsIT {
    private static final Path DEPLOY = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Path ROOT = DEPLOY.getParent();
    private static final Path CLIENTS = DEPLOY.resolve("clients");
    private static final Path SCHEMA = ROOT.resolve("shared/src/main/proto/api.proto");
    private static final Path EXAMPLES = DEPLOY.resolve("examples");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("PLAYGROUND_CHROMIUM", "/usr/bin/chromium"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration NODE_TESTS = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void installClients() throws Exception {
        String node = executable("node").orElseThrow(() -> new AssertionError(
                "node is not on the PATH: the real-client tests need Node.js 20+ and npm (apt-get install nodejs npm)"));
        String version = run(new ProcessBuilder(node, "--version"), Duration.ofSeconds(30)).output().trim();
        // connect-es and playwright-core of package.json need Node.js 20 (Debian 12's own nodejs is 18).
        assertTrue(version.matches("v(2\\d|[3-9]\\d|\\d{3,})\\..*"), "node " + version + " is too old: the real-client "
                + "tests need Node.js 20 or newer");
        executable("npm").orElseThrow(() -> new AssertionError(
                "npm is not on the PATH: the real-client tests need it to install deploy/clients (apt-get install npm)"));
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: the browser test needs Debian's chromium "
                + "(apt-get install chromium; .ci/run installs it), or PLAYGROUND_CHROMIUM naming another one");
        // npm ci writes node_modules/.package-lock.json; older than the lock file means the lock changed since.
        Path installed = CLIENTS.resolve("node_modules/.package-lock.json");
        Path lock = CLIENTS.resolve("package-lock.json");
        if (!Files.exists(installed) || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            Outcome npm = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                    Duration.ofMinutes(5));
            assertEquals(0, npm.exit(), "npm ci in " + CLIENTS + " failed:\n" + npm.output());
        }
        System.out.println("real clients: node " + node + " " + version + ", chromium " + CHROMIUM);
    }

    @Test
    void theLocalRunnerAnswersEveryClient(@TempDir Path dir) throws Exception {
        int port = freePort();
        int pagePort = freePort();
        try (Servers servers = new Servers()) {
            servers.start("local runner", port, dir.resolve("runner.log"), Map.of(), JAVA,
                    "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                    "-Dport=" + port, "-Dplayground.data=" + dir.resolve("data"),
                    "-Dplayground.examples=" + EXAMPLES, "-Dcors.allowed-origins=" + pageOrigin(pagePort),
                    LocalRunner.class.getName());
            servers.awaitAll(http, START);
            runNodeTests(Map.of("*", "http://127.0.0.1:" + port), pagePort, servers);
        }
    }

    /** The function jars as deployed: on Datastore (their only backend), here the emulator. */
    @Test
    @ExtendWith(DatastoreEmulatorExtension.class)
    void theFunctionJarsAnswerEveryClient(@TempDir Path dir, DatastoreEmulator emulator) throws Exception {
        Map<String, String> backend = Map.of("BACKEND_MODULE", "datastore", "BACKEND_EMULATOR_HOST", emulator.host(),
                "BACKEND_PROJECT_ID", emulator.projectId(), "BACKEND_NAMESPACE", "realclients" + System.nanoTime());
        // The catalog the get-catalog function serves: the shipped examples, loaded by the loader operators use.
        ProcessBuilder load = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                LoadExamples.class.getName(), EXAMPLES.toString());
        load.environment().putAll(backend);
        Outcome loaded = run(load, START);
        assertEquals(0, loaded.exit(), "LoadExamples failed:\n" + loaded.output());

        int pagePort = freePort();
        Map<String, String> env = new LinkedHashMap<>(backend);
        env.put("CORS_ALLOWED_ORIGINS", pageOrigin(pagePort));
        String invoker = invokerJar();
        Map<String, String> routes = new LinkedHashMap<>();
        try (Servers servers = new Servers()) {
            for (String[] function : new String[][] {
                    {"save-snippet", "SaveSnippet"}, {"get-snippet", "GetSnippet"}, {"get-catalog", "GetPrecompiledObjects"}}) {
                int port = freePort();
                servers.start(function[0], port, dir.resolve(function[0] + ".log"), env, JAVA, "-XX:TieredStopAtLevel=1",
                        "-cp", invoker, "com.google.cloud.functions.invoker.runner.Invoker",
                        "--classpath", functionJar(function[0]).toString(), "--target", FunctionProcesses.HTTP_FUNCTION,
                        "--port", String.valueOf(port));
                routes.put(function[1], "http://127.0.0.1:" + port);
            }
            // A method no function serves (RunCode) goes where the load balancer's default sends it: a function.
            routes.put("*", routes.get("GetPrecompiledObjects"));
            servers.awaitAll(http, START);
            runNodeTests(routes, pagePort, servers);
        }
    }

    /** {@code node --test} in deploy/clients with the routes; its output goes to this test's log. */
    private static void runNodeTests(Map<String, String> routes, int pagePort, Servers servers) throws Exception {
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec");
        node.environment().put("PLAYGROUND_ROUTES", routes.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{", "}")));
        node.environment().put("PLAYGROUND_SCHEMA", SCHEMA.toString());
        node.environment().put("PLAYGROUND_ALLOWED_PAGE_PORT", String.valueOf(pagePort));
        node.environment().put("PLAYGROUND_CHROMIUM", CHROMIUM.toString());
        Outcome tests = run(node, NODE_TESTS);
        System.out.println("---- node --test against " + routes + " ----\n" + tests.output());
        if (tests.exit() != 0) {
            servers.printLogs();
        }
        assertEquals(0, tests.exit(), "the real-client tests failed (node --test exit " + tests.exit()
                + "; its whole output is above in the test log):\n" + failures(tests.output()));
    }

    /** The spec reporter's summary of failing tests (from its "failing tests:" section on). */
    private static String failures(String output) {
        int at = output.indexOf("failing tests:");
        return at >= 0 ? output.substring(at) : output.substring(Math.max(0, output.length() - 4000));
    }

    private record Outcome(int exit, String output) {
    }

    /** Runs a command in deploy/clients to its end (failing past {@code limit}): exit code, output and errors. */
    private static Outcome run(ProcessBuilder builder, Duration limit) throws Exception {
        Path log = Files.createTempFile("real-clients", ".log");
        try {
            Process process = builder.directory(CLIENTS.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                fail(String.join(" ", builder.command()) + " did not end within " + limit + ":\n" + Files.readString(log));
            }
            return new Outcome(process.exitValue(), Files.readString(log));
        } finally {
            Files.delete(log);
        }
    }

    private static String pageOrigin(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static Optional<String> executable(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).map(Path::toString).findFirst();
    }

}
