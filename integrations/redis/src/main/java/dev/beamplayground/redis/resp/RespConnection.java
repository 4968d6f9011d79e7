package dev.beamplayground.redis.resp;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One connection speaking RESP2: commands are written to a buffer and sent when a reply is read, so commands sent
 * together go in one write and their replies come in one round trip. Not thread-safe: one user at a time (the
 * pool's). Any I/O failure breaks it for good ({@link RespConnectionException}); an error reply does not.
 */
public final class RespConnection implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};

    private final Socket socket;
    private final OutputStream out;
    private final RespReader in;
    /** Replies the server owes for commands sent: a connection that still expects one is not reused. */
    private int pending;
    private boolean broken;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        this.in = new RespReader(socket.getInputStream());
    }

    /** Connects, with TLS when asked, then AUTH and SELECT as the endpoint says. */
    public static RespConnection open(RespEndpoint endpoint) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), endpoint.connectMillis());
            socket.setSoTimeout(endpoint.commandMillis());
            Socket connected = endpoint.tls() ? tls(socket, endpoint) : socket;
            RespConnection connection = new RespConnection(connected);
            connection.handshake(endpoint);
            return connection;
        } catch (IOException e) {
            close(socket);
            throw new RespConnectionException("cannot connect to Redis at " + endpoint, e);
        } catch (RuntimeException e) {
            close(socket);
            throw e;
        }
    }

    private static Socket tls(Socket plain, RespEndpoint endpoint) throws IOException {
        SSLSocketFactory factory = endpoint.ssl() != null ? endpoint.ssl() : (SSLSocketFactory) SSLSocketFactory.getDefault();
        SSLSocket socket = (SSLSocket) factory.createSocket(plain, endpoint.host(), endpoint.port(), true);
        if (endpoint.ssl() == null) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the JVM's trust: the host name is checked too
            socket.setSSLParameters(parameters);
        }
        socket.startHandshake();
        return socket;
    }

    private void handshake(RespEndpoint endpoint) {
        if (endpoint.password() != null) {
            byte[] password = utf8(endpoint.password());
            try {
                if (endpoint.user() != null) {
                    send("AUTH".getBytes(StandardCharsets.US_ASCII), endpoint.user().getBytes(StandardCharsets.UTF_8),
                            password);
                } else {
                    send("AUTH".getBytes(StandardCharsets.US_ASCII), password);
                }
            } finally {
                Arrays.fill(password, (byte) 0);
            }
            reply();
        }
        if (endpoint.database() != 0) {
            send("SELECT", Integer.toString(endpoint.database()));
            reply();
        }
    }

    /** Sends a command (written now, flushed with the next read). */
    public void send(String... arguments) {
        byte[][] bytes = new byte[arguments.length][];
        for (int i = 0; i < arguments.length; i++) {
            bytes[i] = arguments[i].getBytes(StandardCharsets.UTF_8);
        }
        send(bytes);
    }

    private void send(byte[]... arguments) {
        usable();
        try {
            out.write('*');
            out.write(ascii(arguments.length));
            out.write(CRLF);
            for (byte[] argument : arguments) {
                out.write('$');
                out.write(ascii(argument.length));
                out.write(CRLF);
                out.write(argument);
                out.write(CRLF);
            }
            pending++;
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * The next reply: a String, a Long, a List (of these), or null.
     *
     * @throws RespErrorReply when it is an error reply
     */
    public Object reply() {
        Object reply = next();
        if (reply instanceof RespErrorReply error) {
            throw error;
        }
        return reply;
    }

    /** The next {@code count} replies in order, error replies among them as {@link RespErrorReply} values. */
    public List<Object> replies(int count) {
        List<Object> replies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            replies.add(next());
        }
        return replies;
    }

    private Object next() {
        usable();
        try {
            out.flush();
            Object reply = in.read();
            pending--;
            return reply;
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /** How long an answer may take from now on. */
    public void timeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    public boolean isBroken() {
        return broken;
    }

    /** Whether the pool may hand it out again: not broken, and no reply left unread. */
    boolean reusable() {
        return !broken && pending == 0;
    }

    @Override
    public void close() {
        broken = true;
        close(socket);
    }

    private void usable() {
        if (broken) {
            throw new RespConnectionException("the Redis connection is broken", null);
        }
    }

    private RespConnectionException broken(IOException e) {
        close();
        return new RespConnectionException("the Redis connection failed: " + e.getClass().getSimpleName(), e);
    }

    private static byte[] ascii(int n) {
        return Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
