package dev.beamplayground.googlerest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on a free loopback port that answers each request with the next scripted answer (the last one
 * again once the script is used up) and records what it was sent.
 */
public final class ScriptedServer implements AutoCloseable {
    /**
     * An answer; {@code holdUntil} (when not null) is awaited before answering, as a stuck server would; a positive
     * {@code byteMillis} sends the body a byte at a time with that pause, as a slow link would.
     */
    public record Reply(int status, String contentType, byte[] body, CountDownLatch holdUntil, long byteMillis) {
        /** A JSON answer. */
        public Reply(int status, String body, CountDownLatch holdUntil, long byteMillis) {
            this(status, "application/json", body.getBytes(StandardCharsets.UTF_8), holdUntil, byteMillis);
        }

        public static Reply of(int status, String body) {
            return new Reply(status, body, null, 0);
        }

        /** An answer of any type, as sent. */
        public static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, contentType, body, null, 0);
        }
    }

    /** What a request carried; {@code headers} by lower-case name. */
    public record Request(String method, String path, String contentType, String authorization, byte[] body,
                          Map<String, String> headers) {
    }

    private final HttpServer server;
    private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
    private volatile Reply last = Reply.of(500, "no answer scripted");
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public ScriptedServer(Reply... replies) throws IOException {
        script.addAll(List.of(replies));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestBody().readAllBytes(),
                    headers));
            Reply reply = script.poll();
            if (reply == null) {
                reply = last;
            } else {
                last = reply;
            }
            if (reply.holdUntil() != null) {
                try {
                    reply.holdUntil().await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body = reply.body();
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (reply.byteMillis() <= 0) {
                    out.write(body);
                    return;
                }
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    TimeUnit.MILLISECONDS.sleep(reply.byteMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
