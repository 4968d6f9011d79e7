package dev.beamplayground.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the harness's servers (emulators, redis-server) share: ports, where their files go, the SDK. */
final class TestProcesses {
    private TestProcesses() {
    }

    /** A port free now on loopback; the server binds it a moment later (a collision fails its start loudly). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** The build's target directory when run by Maven (surefire sets basedir), else ./target. */
    static Path targetDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir"), "target");
    }

    /** Where the Google Cloud SDK may be: CLOUDSDK_ROOT first, then the Debian packages' location. */
    static Set<Path> sdkRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        String env = System.getenv("CLOUDSDK_ROOT");
        if (env != null && !env.isBlank()) {
            roots.add(Path.of(env));
        }
        roots.add(Path.of("/usr/lib/google-cloud-sdk"));
        return roots;
    }

    /** Sleeps while polling a starting server; an interrupt ends the wait with {@code what} in the message. */
    static void sleep(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }
}
