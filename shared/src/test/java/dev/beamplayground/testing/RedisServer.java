package dev.beamplayground.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@code redis-server} child process on a free loopback port, for tests. Persistence is off (no
 * RDB, no AOF) unless asked for, so nothing is left on disk. It can be {@link #stop() stopped} and
 * {@link #restart() restarted} on the same port, which is how fault tests take Redis away mid-test.
 *
 * <p>Usually obtained through {@link RedisServerExtension} (one per test JVM); standalone use is
 * {@code try (RedisServer redis = RedisServer.start()) { ... }}.
 */
public final class RedisServer implements AutoCloseable {
    static final String APT_PACKAGE = "redis-server";

    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private final Thread shutdownHook;
    private volatile Process process;

    private RedisServer(int port, Path dir, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = List.copyOf(extraArgs);
        this.shutdownHook = new Thread(this::kill, "redis-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server without persistence on a free port and waits until it answers PING. */
    public static RedisServer start() {
        return start(List.of());
    }

    /**
     * Starts a server that fsyncs its append-only file before every reply ({@code appendonly yes},
     * {@code appendfsync always}): what the event backend demands, and a server whose data outlives a kill.
     */
    public static RedisServer startDurable() {
        return start(List.of("--appendonly", "yes", "--appendfsync", "always"));
    }

    /**
     * Starts a server with extra {@code redis-server} arguments (for example {@code "--appendonly",
     * "yes"} for a durable log), each a separate list element.
     */
    public static RedisServer start(List<String> extraArgs) {
        Path dir = TestProcesses.targetDir().resolve("redis-" + System.nanoTime());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        RedisServer server = new RedisServer(TestProcesses.freePort(), dir, extraArgs);
        server.launch();
        return server;
    }

    /** {@code redis://127.0.0.1:port}: the value for {@code redis.uri}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Where the server runs (and would keep its files when persistence is asked for). */
    public Path directory() {
        return dir;
    }

    public boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Kills the server at once, as a crash would; connected clients see their connections drop. */
    public void stop() {
        kill();
    }

    /** Starts the server again on the same port and directory (after {@link #stop()}). */
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException("redis-server on " + port + " is still running");
        }
        launch();
    }

    /** Sends one command and returns the raw RESP reply: for test assertions and FLUSHALL between tests. */
    public String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readReply(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server on " + port + " did not answer " + args[0], e);
        }
    }

    /** Deletes every key: cheaper than a new server between tests. */
    public void flushAll() {
        command("FLUSHALL");
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook finds nothing left to kill.
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(executable(), "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--protected-mode", "yes"));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        awaitPing();
        LOG.info("redis-server on 127.0.0.1:{} up (dir {})", port, dir);
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue()
                        + "; its output is in " + dir.resolve("redis.log"));
            }
            try {
                if (command("PING").startsWith("+PONG")) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // Not listening yet.
            }
            TestProcesses.sleep(20, "redis-server");
        }
        kill();
        throw new IllegalStateException("redis-server did not answer on " + port + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    private void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readReply(InputStream in) throws IOException {
        String line = readLine(in);
        char type = line.charAt(0);
        if (type == '$') {
            int length = Integer.parseInt(line.substring(1));
            if (length < 0) {
                return line;
            }
            byte[] data = in.readNBytes(length + 2);
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }
        if (type == '*') {
            int count = Integer.parseInt(line.substring(1));
            StringBuilder all = new StringBuilder(line);
            for (int i = 0; i < count; i++) {
                all.append('\n').append(readReply(in));
            }
            return all.toString();
        }
        return line; // +simple, -error, :integer
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read(); // '\n'
                return line.toString();
            }
            line.append((char) c);
        }
        throw new IOException("connection closed by redis-server");
    }

    private static String executable() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(":")) {
                Path exe = Path.of(entry, "redis-server");
                if (Files.isExecutable(exe)) {
                    return exe.toString();
                }
            }
        }
        throw new IllegalStateException("redis-server not found; install the apt package " + APT_PACKAGE);
    }
}
