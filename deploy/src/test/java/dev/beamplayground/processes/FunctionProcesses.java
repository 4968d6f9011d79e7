package dev.beamplayground.processes;

import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Function jars run as Cloud Functions runs them: each its own process under the Functions Framework invoker. */
public final class FunctionProcesses {
    /** The entry point of every HTTP function jar (as deployed). */
    public static final String HTTP_FUNCTION = "dev.beamplayground.edge.PlaygroundHttpFunction";
    /** The entry point of the cancel-listener jar. */
    public static final String CANCEL_LISTENER = "dev.beamplayground.cancel.listener.CancelListenerFunction";
    /** Every function module, whose jar is deployed on its own. */
    public static final List<String> FUNCTIONS = List.of("save-snippet", "get-snippet", "get-catalog",
            "get-pipeline-output", "cancel", "cancel-listener", "maintenance");
    private static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent();

    private FunctionProcesses() {
    }

    /** The servers of one test, each its own process; all stopped at the end, whatever happened. */
    public static final class Servers implements AutoCloseable {
        private record Server(String name, Process process, Path log, int port) {
        }

        private final List<Server> servers = new ArrayList<>();

        /** Starts {@code command}, a server that will listen on {@code port}, its output into {@code log}. */
        public void start(String name, int port, Path log, Map<String, String> env, String... command) throws IOException {
            start(name, port, log, null, env, command);
        }

        /** As {@link #start}, with standard error in a file of its own ({@code err} null: with the output). */
        public void start(String name, int port, Path log, Path err, Map<String, String> env, String... command)
                throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile());
            if (err == null) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(err.toFile());
            }
            builder.environment().putAll(env);
            servers.add(new Server(name, builder.start(), log, port));
        }

        /** A function jar under the invoker, listening on {@code port}; {@code jvmFlags} added to the JVM's own. */
        public void startFunction(String function, String target, int port, Path log, Path err,
                                  Map<String, String> env, String... jvmFlags) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1"));
            command.addAll(List.of(jvmFlags));
            command.addAll(List.of("-cp", invokerJar(), "com.google.cloud.functions.invoker.runner.Invoker",
                    "--classpath", functionJar(function).toString(), "--target", target, "--port", String.valueOf(port)));
            start(function, port, log, err, env, command.toArray(String[]::new));
        }

        /** Until every server answers HTTP at all (any status): the invoker is up and the function loaded. */
        public void awaitAll(HttpClient http, Duration start) throws Exception {
            long deadline = System.nanoTime() + start.toNanos();
            for (Server server : servers) {
                while (true) {
                    if (!server.process().isAlive()) {
                        fail(server.name() + " ended with exit code " + server.process().exitValue() + ":\n"
                                + Files.readString(server.log()));
                    }
                    try {
                        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
                        break;
                    } catch (IOException notUpYet) {
                        if (System.nanoTime() > deadline) {
                            fail(server.name() + " did not answer within " + start + ":\n" + Files.readString(server.log()));
                        }
                        Thread.sleep(200);
                    }
                }
            }
        }

        /** Each server's output, for the test log of a failed run. */
        public void printLogs() throws IOException {
            for (Server server : servers) {
                System.out.println("---- " + server.name() + " ----\n" + Files.readString(server.log()));
            }
        }

        @Override
        public void close() throws InterruptedException {
            for (Server server : servers) {
                stop(server.process());
            }
        }
    }

    public static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** target/&lt;name&gt;-&lt;version&gt;-function.jar of the function module, built before deploy in the reactor. */
    public static Path functionJar(String name) throws IOException {
        Path target = ROOT.resolve("functions").resolve(name).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(f -> f.getFileName().toString().matches(name + "-[0-9].*-function\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + name + "-*-function.jar in " + target
                            + ": build the functions first (./mvnw -B -pl deploy -am verify builds them before deploy)"));
        }
    }

    /** The Functions Framework invoker (a dependency of deploy, so on this test's class path). */
    public static String invokerJar() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("java-function-invoker-"))
                .findFirst().orElseThrow(() -> new AssertionError("java-function-invoker is not on the class path"));
    }

    /** {@link #FUNCTIONS}, for parameterized tests. */
    public static List<String> functions() {
        return FUNCTIONS;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
