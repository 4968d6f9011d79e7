package dev.beamplayground.googlerest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Timer;
import java.util.TimerTask;
import java.util.function.LongSupplier;

/**
 * One URL of a Google REST API, read (GET) or posted a JSON body (POST) over the JDK's {@link HttpURLConnection}:
 * for the first call it loads about 370 classes over plain HTTP, against about 1,680 for
 * {@code java.net.http.HttpClient}, and the auth library's token requests go through it too. Connections are kept
 * alive by the JDK between calls. Its timeouts bound the connect and each read, not a whole answer, so a watchdog
 * drops a connection whose answer has not begun by the deadline, and the body's reading stops at it.
 */
public final class RestEndpoint implements AutoCloseable {
    /** Answers of the calls made here are a few hundred bytes (a Pub/Sub publish, a Memorystore instance). */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;

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

    /**
     * GETs the URL, the whole exchange bounded by the milliseconds {@code millisLeft} gives when it starts (the
     * token, when one is fetched, comes before).
     *
     * @throws IOException when there is no answer (connection refused or reset, a timeout) or it is over
     *     {@link #MAX_ANSWER_BYTES}
     */
    public Answer get(LongSupplier millisLeft) throws IOException {
        return exchange(null, millisLeft);
    }

    /** POSTs {@code body} as JSON, bounded as {@link #get} is. */
    public Answer post(byte[] body, LongSupplier millisLeft) throws IOException {
        return exchange(body, millisLeft);
    }

    private Answer exchange(byte[] body, LongSupplier millisLeft) throws IOException {
        String header = authorization.header();
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        int timeout = timeout(millisLeft);
        TimerTask abort = new TimerTask() {
            @Override
            public void run() {
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
            connection.setRequestProperty("Accept", "application/json");
            if (header != null) {
                connection.setRequestProperty("Authorization", header);
            }
            if (body == null) {
                connection.setRequestMethod("GET");
            } else {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
                connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (in == null) {
                reusable = true;
                return new Answer(status, "");
            }
            try (in) {
                byte[] bytes = readBounded(in, status, millisLeft);
                reusable = true; // read to its end: the JDK may keep the connection for the next call
                return new Answer(status, new String(bytes, StandardCharsets.UTF_8));
            }
        } finally {
            abort.cancel();
            if (!reusable) {
                connection.disconnect();
            }
        }
    }

    /**
     * The answer's body, at most {@link #MAX_ANSWER_BYTES}, read before the deadline. The deadline is checked
     * here because the watchdog's disconnect does not stop a body being read: the JDK hands a kept-alive body
     * stream to its cleaner thread instead of closing the socket, and the read goes on.
     */
    private byte[] readBounded(InputStream in, int status, LongSupplier millisLeft) throws IOException {
        byte[] buffer = new byte[MAX_ANSWER_BYTES + 1];
        int length = 0;
        for (int n; length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) >= 0; ) {
            length += n;
            if (millisLeft.getAsLong() <= 0) {
                throw new SocketTimeoutException(service + "'s answer (HTTP " + status + ") did not come in time");
            }
        }
        if (length > MAX_ANSWER_BYTES) {
            throw new IOException(service + "'s answer (HTTP " + status + ") is over " + MAX_ANSWER_BYTES + " bytes");
        }
        return Arrays.copyOf(buffer, length);
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
