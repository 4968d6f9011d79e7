package dev.beamplayground.connect;

import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.domain.error.TooLargeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * gRPC-Web unary: the body is one length-prefixed message frame (binary, or base64 for the {@code -text} types);
 * the answer is HTTP 200 with a data frame and a trailer frame ({@code grpc-status}, {@code grpc-message}); an
 * error is a trailers-only answer: HTTP 200, the status in the headers, no body.
 */
final class GrpcWeb implements Protocol {
    private static final int HEADER = 5;
    private static final int FLAG_COMPRESSED = 0x01;
    private static final int FLAG_TRAILER = 0x80;

    private final MessageCodec codec;
    private final boolean text;
    private final String contentType;

    GrpcWeb(MessageCodec codec, boolean text) {
        this.codec = codec;
        this.text = text;
        this.contentType = "application/grpc-web" + (text ? "-text" : "") + "+" + codec.name();
    }

    /** The largest body a message of {@code maxMessageBytes} can arrive in. */
    static int maxBodyBytes(int maxMessageBytes) {
        long framed = (long) maxMessageBytes + HEADER;
        long base64 = (framed + 2) / 3 * 4;
        return (int) Math.min(Integer.MAX_VALUE - 8, base64 + 64);
    }

    @Override
    public MessageCodec codec() {
        return codec;
    }

    @Override
    public byte[] message(RpcRequest request, int maxMessageBytes) {
        boolean gzip = Compression.isGzip(request.headers().first("grpc-encoding"), "grpc-encoding");
        byte[] body = text ? fromBase64(request.body()) : request.body();
        if (body.length > (long) maxMessageBytes + HEADER) {
            throw new TooLargeException("the request body is over " + maxMessageBytes + " bytes");
        }
        if (body.length < HEADER) {
            throw new InvalidArgumentException(body.length == 0
                    ? "the request holds no message frame" : "the message frame is truncated");
        }
        int flags = body[0] & 0xff;
        if ((flags & FLAG_TRAILER) != 0) {
            throw new InvalidArgumentException("a request may not carry a trailer frame");
        }
        if ((flags & ~FLAG_COMPRESSED) != 0) {
            throw new InvalidArgumentException("the message frame has unknown flags");
        }
        long length = ((body[1] & 0xffL) << 24) | ((body[2] & 0xff) << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
        if (length > maxMessageBytes) {
            throw new TooLargeException("the message is over " + maxMessageBytes + " bytes");
        }
        if (HEADER + length > body.length) {
            throw new InvalidArgumentException("the message frame is truncated: its prefix says " + length
                    + " bytes, the body holds " + (body.length - HEADER));
        }
        if (HEADER + length < body.length) {
            throw new InvalidArgumentException("a unary call takes exactly one message frame");
        }
        byte[] message = java.util.Arrays.copyOfRange(body, HEADER, body.length);
        if ((flags & FLAG_COMPRESSED) == 0) {
            return message;
        }
        if (!gzip) {
            throw new InvalidArgumentException("the message frame is compressed but grpc-encoding names no compression");
        }
        return Compression.gunzip(message, maxMessageBytes);
    }

    @Override
    public Duration timeout(RpcRequest request) {
        return Timeouts.grpc(request.headers().first("grpc-timeout"));
    }

    @Override
    public RpcResponse answer(RpcRequest request, Reply reply) {
        byte[] message = reply.encode(codec);
        byte[] trailer = "grpc-status:0\r\ngrpc-message:\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + trailer.length + 2 * HEADER);
        frame(out, 0, message);
        frame(out, FLAG_TRAILER, trailer);
        byte[] body = out.toByteArray();
        return new RpcResponse(200, new Headers().add("Content-Type", contentType),
                text ? Base64.getEncoder().encode(body) : body);
    }

    @Override
    public RpcResponse error(PlaygroundException error, Headers extra) {
        Headers headers = extra == null ? new Headers() : extra;
        headers.set("Content-Type", contentType);
        headers.set("grpc-status", Integer.toString(StatusTable.grpcStatus(error.code())));
        headers.set("grpc-message", percentEncode(error.getMessage()));
        return new RpcResponse(200, headers, null);
    }

    private static void frame(ByteArrayOutputStream out, int flags, byte[] payload) {
        out.write(flags);
        out.write(payload.length >>> 24);
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(payload, 0, payload.length);
    }

    /** gRPC's grpc-message encoding: UTF-8, every byte outside printable ASCII and {@code %} as %XX. */
    static String percentEncode(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(message.length());
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** grpc-web-text: base64, possibly as several padded chunks one after the other. */
    static byte[] fromBase64(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 3 / 4);
        Base64.Decoder decoder = Base64.getDecoder();
        int start = 0;
        try {
            while (start < body.length) {
                int end = start;
                while (end < body.length && body[end] != '=') {
                    end++;
                }
                while (end < body.length && body[end] == '=') {
                    end++;
                }
                byte[] chunk = decoder.decode(java.util.Arrays.copyOfRange(body, start, end));
                out.write(chunk, 0, chunk.length);
                start = end;
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("the grpc-web-text body is not base64");
        }
        return out.toByteArray();
    }
}
