package dev.beamplayground.redis.resp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads RESP2 replies: a simple or bulk string as a String (UTF-8), an integer as a Long, an array as a List, a nil
 * as null, an error as a {@link RespErrorReply} value (the caller decides whether to throw it). Sizes are bounded
 * by Redis's own limits, so a broken stream cannot make it allocate without bound.
 */
final class RespReader {
    /** Redis's proto-max-bulk-len default. */
    static final int MAX_BULK = 512 * 1024 * 1024;
    /** A status or error line, or a length. */
    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    RespReader(InputStream in) {
        this.in = in;
    }

    Object read() throws IOException {
        int type = next();
        return switch (type) {
            case '+' -> line();
            case '-' -> new RespErrorReply(line());
            case ':' -> number(line());
            case '$' -> bulk(length(line(), MAX_BULK));
            case '*' -> array(length(line(), Integer.MAX_VALUE));
            default -> throw new IOException("not a RESP2 reply (type byte " + type + ")");
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            if (position == limit) {
                fill();
            }
            int n = Math.min(length - done, limit - position);
            System.arraycopy(buffer, position, bytes, done, n);
            position += n;
            done += n;
        }
        if (next() != '\r' || next() != '\n') {
            throw new IOException("a bulk string not ended by CRLF");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private List<Object> array(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(Math.min(length, 1024));
        for (int i = 0; i < length; i++) {
            items.add(read());
        }
        return items;
    }

    private String line() throws IOException {
        byte[] line = new byte[64];
        int length = 0;
        while (true) {
            int b = next();
            if (b == '\r') {
                if (next() != '\n') {
                    throw new IOException("a RESP line not ended by CRLF");
                }
                return new String(line, 0, length, StandardCharsets.UTF_8);
            }
            if (length == MAX_LINE) {
                throw new IOException("a RESP line longer than " + MAX_LINE + " bytes");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, length * 2));
            }
            line[length++] = (byte) b;
        }
    }

    private static long number(String text) throws IOException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("not a RESP integer: " + text.length() + " characters");
        }
    }

    private static int length(String text, int max) throws IOException {
        long n = number(text);
        if (n < -1 || n > max) {
            throw new IOException("a RESP length out of range: " + n);
        }
        return (int) n;
    }

    private int next() throws IOException {
        if (position == limit) {
            fill();
        }
        return buffer[position++] & 0xff;
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException("Redis closed the connection");
        }
        position = 0;
        limit = n;
    }
}
