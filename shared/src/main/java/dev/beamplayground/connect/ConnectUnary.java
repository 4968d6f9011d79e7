package dev.beamplayground.connect;

import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.domain.error.TooLargeException;
import dev.beamplayground.domain.error.UnavailableException;
import java.time.Duration;

/**
 * Connect unary over POST: the body is the message in the codec of the content type ({@code application/json}
 * or {@code application/proto}), optionally gzip-compressed ({@code Content-Encoding}); an error is the Connect
 * error body with the Connect HTTP status.
 */
final class ConnectUnary implements Protocol {
    static final ConnectUnary JSON = new ConnectUnary(JsonCodec.INSTANCE);
    static final ConnectUnary PROTO = new ConnectUnary(ProtoCodec.INSTANCE);

    private final MessageCodec codec;

    private ConnectUnary(MessageCodec codec) {
        this.codec = codec;
    }

    @Override
    public MessageCodec codec() {
        return codec;
    }

    @Override
    public byte[] message(RpcRequest request, int maxMessageBytes) {
        requireProtocolVersion(request.headers().first("Connect-Protocol-Version"));
        boolean gzip = Compression.isGzip(request.headers().first("Content-Encoding"), "Content-Encoding");
        byte[] body = request.body();
        if (body.length > maxMessageBytes) {
            throw new TooLargeException("the request body is over " + maxMessageBytes + " bytes");
        }
        return gzip ? Compression.gunzip(body, maxMessageBytes) : body;
    }

    @Override
    public Duration timeout(RpcRequest request) {
        return Timeouts.connect(request.headers().first("Connect-Timeout-Ms"));
    }

    @Override
    public RpcResponse answer(RpcRequest request, Reply reply) {
        return new RpcResponse(200, new Headers().add("Content-Type", contentType(codec)), reply.encode(codec));
    }

    @Override
    public RpcResponse error(PlaygroundException error, Headers extra) {
        return errorResponse(error, extra);
    }

    static String contentType(MessageCodec codec) {
        return codec.isJson() ? "application/json" : "application/proto";
    }

    static void requireProtocolVersion(String version) {
        if (version != null && !version.equals("1")) {
            throw new ProtocolException(dev.beamplayground.domain.error.ErrorCode.INVALID_ARGUMENT,
                    "Connect-Protocol-Version must be 1");
        }
    }

    /** The Connect error answer: JSON body, the code's HTTP status (or the protocol's own), Retry-After for 503. */
    static RpcResponse errorResponse(PlaygroundException error, Headers extra) {
        int status = StatusTable.httpStatus(error.code());
        if (error instanceof ProtocolException p && p.httpStatus() != 0) {
            status = p.httpStatus();
        } else if (error instanceof TooLargeException) {
            status = 413;
        }
        Headers headers = extra == null ? new Headers() : extra;
        headers.set("Content-Type", "application/json");
        if (error instanceof UnavailableException unavailable) {
            headers.set("Retry-After", Long.toString(Math.max(1, unavailable.retryAfter().toSeconds())));
        }
        return new RpcResponse(status, headers, ConnectErrorBody.of(error.code(), error.getMessage()));
    }
}
