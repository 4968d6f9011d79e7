package dev.beamplayground.testing;

import com.google.cloud.NoCredentials;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Cloud Datastore emulator in a child JVM, for tests. It runs in Firestore-in-Datastore mode, in
 * memory: that is what production Datastore is today (strongly consistent, non-ancestor queries allowed
 * in transactions, no 25-entity-group limit per transaction), and nothing is left on disk.
 *
 * <p>Started directly with {@code java} rather than through {@code gcloud beta emulators}: faster, and
 * the gcloud wrapper leaves its Java child behind when it is killed. Usually obtained through
 * {@link DatastoreEmulatorExtension}, which shares one instance per test JVM; standalone use is
 * {@code try (DatastoreEmulator e = DatastoreEmulator.start()) { ... }}.
 */
public final class DatastoreEmulator implements AutoCloseable {
    /** The project id every test client uses; the emulator accepts any. */
    public static final String PROJECT_ID = "beam-playground-test";
    /** System property naming an index.yaml; emulators started with {@link #start()} then require its indexes. */
    public static final String INDEX_FILE_PROPERTY = "datastore.emulator.index-file";

    private static final Logger LOG = LoggerFactory.getLogger(DatastoreEmulator.class);

    static final String APT_PACKAGE = "google-cloud-cli-datastore-emulator";
    private static final String JAR = "platform/cloud-datastore-emulator/CloudDatastore.jar";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final int port;
    private final Path log;
    private volatile Duration startupTime = Duration.ZERO;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private DatastoreEmulator(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        // A test JVM killed by surefire's timeout or Ctrl-C still takes the emulator down with it.
        this.shutdownHook = new Thread(this::destroyTree, "datastore-emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts an emulator on a free port and waits until it answers its health check. When the system
     * property {@value #INDEX_FILE_PROPERTY} names an index.yaml, it refuses queries that file has no
     * composite index for, as production Datastore does (see {@link #start(Path)}).
     *
     * @throws IllegalStateException when the emulator jar is not installed or it does not come up in time
     */
    public static DatastoreEmulator start() {
        String indexFile = System.getProperty(INDEX_FILE_PROPERTY, "");
        return start(indexFile.isBlank() ? null : Path.of(indexFile));
    }

    /**
     * Starts an emulator as {@link #start()} does; with an {@code indexFile} it runs with
     * {@code --require_indexes --index_file=<indexFile>}: a query that needs a composite index the file
     * does not declare fails with FAILED_PRECONDITION instead of the emulator adding the index itself.
     */
    public static DatastoreEmulator start(Path indexFile) {
        Path jar = findJar();
        int port = TestProcesses.freePort();
        Path logDir = TestProcesses.targetDir();
        Path log = logDir.resolve("datastore-emulator-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(),
                "com.google.cloud.datastore.emulator.CloudDatastore", "start",
                "--host=127.0.0.1", "--port=" + port,
                // --testing: in memory (store_on_disk=false), no index.yaml written, consistency 1.0.
                "--testing",
                "--firestore_in_datastore_mode"));
        if (indexFile != null) {
            if (!Files.isRegularFile(indexFile)) {
                throw new IllegalStateException("index file " + indexFile.toAbsolutePath() + " does not exist");
            }
            command.add("--require_indexes");
            command.add("--index_file=" + indexFile.toAbsolutePath());
        }
        long t0 = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command)
                    .directory(logDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Datastore emulator: " + command, e);
        }
        DatastoreEmulator emulator = new DatastoreEmulator(process, port, log);
        try {
            emulator.awaitHealthy();
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        emulator.startupTime = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("Datastore emulator on {} up in {} ms{} (output: {})", emulator.host(),
                emulator.startupTime.toMillis(), indexFile == null ? "" : ", requiring the indexes of " + indexFile, log);
        return emulator;
    }

    /** {@code 127.0.0.1:port}: the value for {@code DATASTORE_EMULATOR_HOST} or a backend's {@code emulator-host}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** The project id to use with this emulator. */
    public String projectId() {
        return PROJECT_ID;
    }

    /** The emulator's output, for reading after a failure. */
    public Path logFile() {
        return log;
    }

    /** From process start to the first healthy answer. */
    public Duration startupTime() {
        return startupTime;
    }

    /** A client for raw entities in {@code namespace}. It uses the HTTP transport, which holds nothing to close. */
    public Datastore client(String namespace) {
        return client(namespace, "");
    }

    /** The same in the named database {@code databaseId} ("" = the default database). */
    public Datastore client(String namespace, String databaseId) {
        return DatastoreOptions.newBuilder()
                .setHost("http://" + host())
                .setProjectId(PROJECT_ID)
                .setCredentials(NoCredentials.getInstance())
                .setNamespace(namespace)
                .setDatabaseId(databaseId)
                .build()
                .getService();
    }

    /** Deletes all data in all namespaces (POST /reset). Cheaper than a new emulator between tests. */
    public void reset() {
        HttpResponse<String> response = post("/reset");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Datastore emulator reset answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    /** Asks the emulator to shut down (POST /shutdown) and kills what is left of it after a grace period. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (process.isAlive()) {
            try {
                post("/shutdown");
            } catch (RuntimeException e) {
                // Not answering: the process tree is destroyed below anyway.
            }
        }
        try {
            if (!process.waitFor(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Datastore emulator on {} ignored /shutdown; killing it", host());
                destroyTree();
                process.waitFor(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            destroyTree();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs and finds nothing left to kill.
        }
    }

    private void destroyTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        HttpRequest health = HttpRequest.newBuilder(uri("/")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Datastore emulator exited with " + process.exitValue()
                        + " before answering; its output:\n" + tail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Datastore emulator", e);
            }
            TestProcesses.sleep(100, "the Datastore emulator");
        }
        throw new IllegalStateException("Datastore emulator did not answer on " + host() + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s; its output:\n" + tail());
    }

    private HttpResponse<String> post(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Datastore emulator on " + host() + " did not answer POST " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + path, e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + host() + path);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output in " + log + ")";
        }
    }

    /** CLOUDSDK_ROOT, then the Debian package location, then wherever gcloud says its SDK is. */
    static Path findJar() {
        Set<Path> roots = TestProcesses.sdkRoots();
        List<Path> tried = new ArrayList<>();
        for (Path root : roots) {
            Path jar = root.resolve(JAR);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            tried.add(jar);
        }
        Path fromGcloud = gcloudSdkRoot();
        if (fromGcloud != null) {
            Path jar = fromGcloud.resolve(JAR);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            tried.add(jar);
        }
        throw new IllegalStateException("Cloud Datastore emulator not found (looked for " + tried
                + "). Install the apt package " + APT_PACKAGE + " or set CLOUDSDK_ROOT to the Google Cloud SDK.");
    }

    private static Path gcloudSdkRoot() {
        try {
            Process gcloud = new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!gcloud.waitFor(30, TimeUnit.SECONDS)) {
                gcloud.destroyForcibly();
                return null;
            }
            return gcloud.exitValue() == 0 && !out.isEmpty() ? Path.of(out) : null;
        } catch (IOException e) {
            return null; // no gcloud on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
