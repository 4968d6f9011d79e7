package dev.beamplayground.googlerest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One URL of a Google REST API, read (GET) or posted a JSON body (POST) over the JDK's {@link HttpURLConnection}
 * (or, with {@link #send}, a body of any type to a method under the URL, as Datastore's protobuf calls are):
 * for the first call it loads about 370 classes over plain HTTP, against about 1,680 for
 * {@code java.net.http.HttpClient}, and the auth library's token requests go through it too. Connections are kept
 * alive by the JDK between calls. Its timeouts bound the connect and each read, not a whole answer, so a watchdog
 * drops a connection whose answer has not begun by the deadline, and the body's reading checks the deadline after
 * each read. A body that stops arriving mid-way ends at the read timeout, which the JDK fixes when the connection
 * opens: such a call may take up to twice its time. The watchdog cannot shorten that: the JDK's body streams hold
 * their lock through a read, so its disconnect would wait for the read, and then hand the rest of a kept-alive body
 * to the JDK's cleaner thread, whose reads would race this call's for the bytes left (a body cut short and taken
 * whole). So the watchdog stands down once the answer's status line and headers are in.
 */
public final class RestEndpoint implements AutoCloseable {
    /** Answers of the calls made here are a few hundred bytes (a Pub/Sub publish, a Memorystore instance). */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final String JSON = "application/json";

    private final URI uri;
    private final Authorization authorization;
    private final String service;
    private Timer watchdog;
    private boolean closed;

    /**
     * @param service names the API in error messages ("Pub/Sub"); messages never hold a token or an answer's body
     */
    public RestEndpoint(URI uri, Authorization authorization, String service) {
        this.uri = uri;
        this.authorization = authorization;
        this.service = service;
    }

    /** Status and (bounded) body of an answer. */
    public record Answer(int status, String body) {
    }

    /** Status, content type (null when none) and (bounded) bytes of an answer to {@link #send}. */
    public record Reply(int status, String contentType, byte[] body) {
    }

    /** What {@link #send} posts: to the URL followed by {@code suffix} (a method, {@code ":lookup"}). */
    public record Request(String suffix, String contentType, byte[] body, Map<String, String> headers,
                          int maxAnswerBytes) {
    }

    /**
     * GETs the URL, the whole exchange bounded by the milliseconds {@code millisLeft} gives when it starts (the
     * token, when one is fetched, comes before).
     *
     * @throws IOException when there is no answer (connection refused or reset, a timeout) or it is over
     *     {@link #MAX_ANSWER_BYTES}
     */
    public Answer get(LongSupplier millisLeft) throws IOException {
        return text(exchange(uri, JSON, null, Map.of(), MAX_ANSWER_BYTES, millisLeft));
    }

    /** POSTs {@code body} as JSON, bounded as {@link #get} is. */
    public Answer post(byte[] body, LongSupplier millisLeft) throws IOException {
        return text(exchange(uri, JSON, body, Map.of(), MAX_ANSWER_BYTES, millisLeft));
    }

    /**
     * POSTs the request's body, with its content type (also the type accepted) and headers, to the URL followed by
     * its suffix, bounded as {@link #get} is but for the answer's size, which the request bounds.
     */
    public Reply send(Request request, LongSupplier millisLeft) throws IOException {
        return exchange(URI.create(uri + request.suffix()), request.contentType(), request.body(), request.headers(),
                request.maxAnswerBytes(), millisLeft);
    }

    private static Answer text(Reply reply) {
        return new Answer(reply.status(), new String(reply.body(), StandardCharsets.UTF_8));
    }

    private Reply exchange(URI target, String type, byte[] body, Map<String, String> headers, int maxAnswerBytes,
                           LongSupplier millisLeft) throws IOException {
        String header = authorization.header();
        HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
        int timeout = timeout(millisLeft);
        // Set once, by whichever comes first: the watchdog (the answer had not begun) or the answer's headers.
        AtomicBoolean settled = new AtomicBoolean();
        TimerTask abort = new TimerTask() {
            @Override
            public void run() {
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                try {
                    connection.disconnect();
                } catch (RuntimeException e) {
                    // A task that throws would end the watchdog's thread for every later call.
                }
            }
        };
        schedule(abort, timeout);
        boolean reusable = false;
        try {
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestProperty("Accept", type);
            if (header != null) {
                connection.setRequestProperty("Authorization", header);
            }
            headers.forEach(connection::setRequestProperty);
            if (body == null) {
                connection.setRequestMethod("GET");
            } else {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                connection.setRequestProperty("Content-Type", type.equals(JSON) ? JSON + "; charset=utf-8" : type);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            if (!settled.compareAndSet(false, true)) {
                throw new SocketTimeoutException(service + "'s answer (HTTP " + status + ") did not begin in time");
            }
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String answerType = connection.getContentType();
            if (in == null) {
                reusable = true;
                return new Reply(status, answerType, new byte[0]);
            }
            try (in) {
                byte[] bytes = readBounded(in, status, maxAnswerBytes, millisLeft);
                reusable = true; // read to its end: the JDK may keep the connection for the next call
                return new Reply(status, answerType, bytes);
            }
        } finally {
            abort.cancel();
            if (!reusable) {
                connection.disconnect();
            }
        }
    }

    /**
     * The answer's body, at most {@code max} bytes, read before the deadline (checked after each read: a body that
     * trickles in ends at its first bytes after it). The buffer grows with what arrives, so a large bound costs
     * nothing until an answer is that large.
     */
    private byte[] readBounded(InputStream in, int status, int max, LongSupplier millisLeft) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (out.size() <= max) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, max + 1L - out.size()));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            if (millisLeft.getAsLong() <= 0) {
                throw new SocketTimeoutException(service + "'s answer (HTTP " + status + ") did not come in time");
            }
        }
        if (out.size() > max) {
            throw new IOException(service + "'s answer (HTTP " + status + ") is over " + max + " bytes");
        }
        return out.toByteArray();
    }

    private synchronized void schedule(TimerTask abort, int millis) throws IOException {
        if (closed) {
            throw new IOException("the function is shutting down");
        }
        if (watchdog == null) {
            watchdog = new Timer("google-rest-deadline", true);
        }
        watchdog.schedule(abort, millis);
    }

    /** Stops the watchdog's thread; later calls fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (watchdog != null) {
            watchdog.cancel();
        }
    }

    private int timeout(LongSupplier millisLeft) throws SocketTimeoutException {
        long left = millisLeft.getAsLong();
        if (left <= 0) {
            throw new SocketTimeoutException("no time left for " + service);
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
