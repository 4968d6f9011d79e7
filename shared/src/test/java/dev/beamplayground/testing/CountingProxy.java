package dev.beamplayground.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of the Datastore emulator that counts the RPCs passing through it, by method
 * ({@code lookup}, {@code runQuery}, {@code commit}, ...): point {@code backend.emulator-host} at
 * {@link #host()} and every call the store makes is counted as the emulator sees it.
 *
 * <p>It can also cut the emulator off ({@link #cutAfter}), as a crash or a network failure would, while
 * the emulator itself keeps what it stored: a fault test can then check the data against the emulator
 * directly. A cut RPC gets its connection closed without an answer.
 */
public final class CountingProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "keep-alive", "transfer-encoding");

    private final HttpServer server;
    private final String target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Object faultLock = new Object();
    private int passing = Integer.MAX_VALUE;
    private Cut firstCut = Cut.REFUSE;
    private Duration outage = Duration.ZERO;
    private long healAt = Long.MAX_VALUE;
    private final List<String> cut = new ArrayList<>();

    /** What happens to the first RPC that is cut; every later one within the outage is {@link #REFUSE}d. */
    public enum Cut {
        /** Not forwarded: the emulator never sees it (a server that is down). */
        REFUSE,
        /** Forwarded, so the emulator acts on it (a commit commits), but its answer is lost (a crash just after). */
        LOSE_REPLY
    }

    private CountingProxy(String targetHost) throws IOException {
        this.target = "http://" + targetHost;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "counting-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** A proxy to {@code host:port}. */
    public static CountingProxy to(String targetHost) {
        try {
            return new CountingProxy(targetHost);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** All RPCs since the last {@link #reset()}. */
    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** RPCs by method since the last {@link #reset()}, sorted. */
    public Map<String, Integer> byMethod() {
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }

    /**
     * From now on, lets {@code passing} RPCs through, cuts the next one as {@code first} says, and
     * refuses every RPC for {@code outage} after that; then RPCs pass again by themselves.
     */
    public void cutAfter(int passing, Cut first, Duration outage) {
        synchronized (faultLock) {
            this.passing = passing;
            this.firstCut = first;
            this.outage = outage;
            this.healAt = Long.MAX_VALUE;
            this.cut.clear();
        }
    }

    /** Ends a cut now, or one not yet begun. */
    public void heal() {
        synchronized (faultLock) {
            passing = Integer.MAX_VALUE;
            healAt = Long.MAX_VALUE;
        }
    }

    /** The methods of the RPCs cut since the last {@link #cutAfter}, in order; the first is the one cut as asked. */
    public List<String> cut() {
        synchronized (faultLock) {
            return List.copyOf(cut);
        }
    }

    /** Null when the RPC passes, else how it is cut. */
    private Cut decide(String method) {
        synchronized (faultLock) {
            long now = System.nanoTime();
            if (healAt != Long.MAX_VALUE) {
                if (now - healAt < 0) {
                    cut.add(method);
                    return Cut.REFUSE;
                }
                passing = Integer.MAX_VALUE;
                healAt = Long.MAX_VALUE;
                return null;
            }
            if (passing == Integer.MAX_VALUE) {
                return null;
            }
            if (passing > 0) {
                passing--;
                return null;
            }
            healAt = now + outage.toNanos();
            cut.add(method);
            return firstCut;
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            int colon = path.lastIndexOf(':');
            String method = colon < 0 ? path : path.substring(colon + 1);
            counts.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
            Cut fault = decide(method);
            if (fault == Cut.REFUSE) {
                return; // closing the exchange before any answer drops the connection
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(),
                            HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (fault == Cut.LOSE_REPLY) {
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
