package dev.beamplayground.connect;

import dev.beamplayground.domain.error.ErrorCode;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.domain.error.TooLargeException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Connect GET, for methods free of side effects: {@code ?encoding=json|proto&message=...} (optionally
 * {@code base64=1}, {@code compression=identity|gzip}, {@code connect=v1}). A cached answer carries a strong
 * ETag of its encoding and Cache-Control; a matching {@code If-None-Match} gets 304 without a body.
 */
final class ConnectGet implements Protocol {
    private final QueryString query;
    private final MessageCodec codec;
    private final String cacheControl;

    private ConnectGet(QueryString query, MessageCodec codec, String cacheControl) {
        this.query = query;
        this.codec = codec;
        this.cacheControl = cacheControl;
    }

    static ConnectGet of(RpcRequest request, String cacheControl) {
        QueryString query = QueryString.parse(request.query());
        String encoding = query.text("encoding");
        if (encoding == null) {
            throw new InvalidArgumentException("a Connect GET needs the query parameter encoding=json or encoding=proto");
        }
        MessageCodec codec = switch (encoding) {
            case "json" -> JsonCodec.INSTANCE;
            case "proto" -> ProtoCodec.INSTANCE;
            default -> throw new ProtocolException(ErrorCode.INVALID_ARGUMENT, 415,
                    "encoding must be json or proto");
        };
        return new ConnectGet(query, codec, cacheControl);
    }

    @Override
    public MessageCodec codec() {
        return codec;
    }

    @Override
    public byte[] message(RpcRequest request, int maxMessageBytes) {
        String connect = query.text("connect");
        if (connect != null && !connect.equals("v1")) {
            throw new InvalidArgumentException("connect must be v1");
        }
        ConnectUnary.requireProtocolVersion(request.headers().first("Connect-Protocol-Version"));
        boolean gzip = Compression.isGzip(query.text("compression"), "compression");
        byte[] message = query.bytes("message");
        if (message == null) {
            throw new InvalidArgumentException("a Connect GET needs the query parameter message");
        }
        if (message.length > maxMessageBytes) {
            throw new TooLargeException("the message is over " + maxMessageBytes + " bytes");
        }
        if ("1".equals(query.text("base64"))) {
            try {
                message = Base64.getUrlDecoder().decode(stripPadding(message));
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("message is not base64url");
            }
        }
        return gzip ? Compression.gunzip(message, maxMessageBytes) : message;
    }

    @Override
    public Duration timeout(RpcRequest request) {
        return Timeouts.connect(request.headers().first("Connect-Timeout-Ms"));
    }

    @Override
    public RpcResponse answer(RpcRequest request, Reply reply) {
        Headers headers = new Headers();
        if (!(reply instanceof CacheableBody body)) {
            return new RpcResponse(200, headers.add("Content-Type", ConnectUnary.contentType(codec)),
                    reply.encode(codec));
        }
        String etag = body.etag(codec);
        headers.add("ETag", etag).add("Cache-Control", cacheControl);
        if (matches(request.headers().all("If-None-Match"), etag)) {
            return new RpcResponse(304, headers, null);
        }
        return new RpcResponse(200, headers.add("Content-Type", ConnectUnary.contentType(codec)), body.encode(codec));
    }

    @Override
    public RpcResponse error(PlaygroundException error, Headers extra) {
        return ConnectUnary.errorResponse(error, extra);
    }

    private static byte[] stripPadding(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == '=') {
            n--;
        }
        return n == b.length ? b : java.util.Arrays.copyOf(b, n);
    }

    /** If-None-Match uses the weak comparison (RFC 9110 13.1.2): {@code W/} is ignored, {@code *} matches. */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.strip();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
