package dev.beamplayground.pipeline.pubsub;

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
 * One POST of a JSON body over the JDK's {@link HttpURLConnection}: for the first publish it loads about 370
 * classes over plain HTTP, against about 1,680 for {@code java.net.http.HttpClient}, and the auth library's token
 * requests go through it too. Connections are kept alive by the JDK between publishes. Its timeouts bound the
 * connect and each read, not a whole answer, so a watchdog drops a connection whose answer has not begun by the
 * deadline, and the body's reading stops at it.
 */
final class HttpPost implements AutoCloseable {
    /** Pub/Sub's publish answer is a few ids; error answers a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final URI uri;
    private final Authorization authorization;
    private Timer watchdog;
    private boolean closed;

    HttpPost(URI uri, Authorization authorization) {
        this.uri = uri;
        this.authorization = authorization;
    }

    /** Status and (bounded) body of an answer. */
    record Answer(int status, String body) {
    }

    /**
     * Sends {@code body}, the whole exchange bounded by the milliseconds {@code millisLeft} gives when it starts
     * (the token, when one is fetched, comes before).
     *
     * @throws IOException when there is no answer (connection refused or reset, a timeout) or it is over
     *     {@link #MAX_ANSWER_BYTES}
     */
    Answer send(byte[] body, LongSupplier millisLeft) throws IOException {
        String header = authorization.header();
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        int timeout = timeout(millisLeft);
        TimerTask abort = new TimerTask() {
            @Override
            public void run() {
                try {
                    connection.disconnect();
                } catch (RuntimeException e) {
                    // A task that throws would end the watchdog's thread for every later publish.
                }
            }
        };
        schedule(abort, timeout);
        boolean reusable = false;
        try {
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
            if (header != null) {
                connection.setRequestProperty("Authorization", header);
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (in == null) {
                reusable = true;
                return new Answer(status, "");
            }
            try (in) {
                byte[] bytes = readBounded(in, status, millisLeft);
                reusable = true; // read to its end: the JDK may keep the connection for the next publish
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
    private static byte[] readBounded(InputStream in, int status, LongSupplier millisLeft) throws IOException {
        byte[] buffer = new byte[MAX_ANSWER_BYTES + 1];
        int length = 0;
        for (int n; length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) >= 0; ) {
            length += n;
            if (millisLeft.getAsLong() <= 0) {
                throw new SocketTimeoutException("Pub/Sub's answer (HTTP " + status + ") did not come in time");
            }
        }
        if (length > MAX_ANSWER_BYTES) {
            throw new IOException("Pub/Sub's answer (HTTP " + status + ") is over " + MAX_ANSWER_BYTES + " bytes");
        }
        return Arrays.copyOf(buffer, length);
    }

    private synchronized void schedule(TimerTask abort, int millis) throws IOException {
        if (closed) {
            throw new IOException("the function is shutting down");
        }
        if (watchdog == null) {
            watchdog = new Timer("pubsub-publish-deadline", true);
        }
        watchdog.schedule(abort, millis);
    }

    /** Stops the watchdog's thread; later sends fail. */
    @Override
    public synchronized void close() {
        closed = true;
        if (watchdog != null) {
            watchdog.cancel();
        }
    }

    private static int timeout(LongSupplier millisLeft) throws SocketTimeoutException {
        long left = millisLeft.getAsLong();
        if (left <= 0) {
            throw new SocketTimeoutException("no time left for Pub/Sub");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
