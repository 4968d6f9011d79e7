package dev.beamplayground.connect;

import com.google.protobuf.Message;
import dev.beamplayground.connect.schema.MethodSchema;
import dev.beamplayground.domain.error.ErrorCode;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.domain.error.PlaygroundException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol layer: serves {@code POST /api.v1.PlaygroundService/<Method>} in every protocol a connect-go
 * handler serves over HTTP/1.1 (Connect unary with JSON or binary protobuf, Connect GET for methods free of
 * side effects, gRPC-Web binary, JSON and text), chosen by content type, with CORS. It takes and returns plain
 * values ({@link RpcRequest}, {@link RpcResponse}), so any HTTP server can put it on the wire. Errors are
 * written in the caller's protocol; server faults are logged here, once.
 */
public final class RpcHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RpcHandler.class);

    /** Content types of POST, each with the protocol that reads it. */
    private static final Map<String, Protocol> BY_CONTENT_TYPE = new LinkedHashMap<>();
    /** Listed to a client that sent another content type (connect-go's Accept-Post). */
    static final String ACCEPT_POST;

    static {
        BY_CONTENT_TYPE.put("application/json", ConnectUnary.JSON);
        BY_CONTENT_TYPE.put("application/proto", ConnectUnary.PROTO);
        BY_CONTENT_TYPE.put("application/grpc-web", new GrpcWeb(ProtoCodec.INSTANCE, false));
        BY_CONTENT_TYPE.put("application/grpc-web+proto", new GrpcWeb(ProtoCodec.INSTANCE, false));
        BY_CONTENT_TYPE.put("application/grpc-web+json", new GrpcWeb(JsonCodec.INSTANCE, false));
        BY_CONTENT_TYPE.put("application/grpc-web-text", new GrpcWeb(ProtoCodec.INSTANCE, true));
        BY_CONTENT_TYPE.put("application/grpc-web-text+proto", new GrpcWeb(ProtoCodec.INSTANCE, true));
        ACCEPT_POST = String.join(", ", BY_CONTENT_TYPE.keySet());
    }

    private final Map<String, UnaryMethod> methods = new LinkedHashMap<>();
    private final Cors cors;
    private final int maxMessageBytes;
    private final String cacheControl;

    /**
     * @param maxMessageBytes the largest request message accepted (after decompression)
     * @param cacheControl    the Cache-Control of Connect GET answers that carry an ETag
     */
    public RpcHandler(Collection<? extends ServiceMethods> services, Cors cors, int maxMessageBytes, String cacheControl) {
        for (ServiceMethods service : services) {
            for (UnaryMethod method : service.methods()) {
                if (methods.putIfAbsent(method.name(), method) != null) {
                    throw new IllegalStateException("rpc " + method.name() + " is served twice");
                }
            }
        }
        this.cors = cors;
        this.maxMessageBytes = maxMessageBytes;
        this.cacheControl = cacheControl;
    }

    /** The most body bytes a server adapter needs to read: one more byte than this is refused as too large. */
    public int maxBodyBytes() {
        return GrpcWeb.maxBodyBytes(maxMessageBytes);
    }

    public RpcResponse handle(RpcRequest request) {
        if (Cors.isPreflight(request)) {
            return cors.preflight(request);
        }
        Headers extra = new Headers();
        Protocol protocol = null;
        UnaryMethod method = null;
        RpcResponse response;
        try {
            if (!request.path().startsWith(PlaygroundApi.PATH_PREFIX)) {
                throw new ProtocolException(ErrorCode.NOT_FOUND, 404,
                        "no such path; POST /" + PlaygroundApi.SERVICE + "/<Method>");
            }
            String name = request.path().substring(PlaygroundApi.PATH_PREFIX.length());
            if (request.method().equals("GET")) {
                // Connect GET: only for methods free of side effects, which is known before the query is read.
                method = methodOf(name);
                if (!method.noSideEffects()) {
                    extra.set("Allow", "POST");
                    throw new ProtocolException(ErrorCode.INVALID_ARGUMENT, 405,
                            "this method has side effects: POST only");
                }
                protocol = ConnectGet.of(request, cacheControl);
            } else {
                protocol = protocolOf(request, extra);
                method = methodOf(name);
            }
            Duration timeout = protocol.timeout(request);
            MessageCodec codec = protocol.codec();
            Message message = codec.parse(protocol.message(request, maxMessageBytes), method.prototype());
            UnaryMethod m = method;
            Reply reply = Deadlines.run(() -> m.invoke(message), timeout);
            response = protocol.answer(request, reply);
        } catch (PlaygroundException e) {
            logServerFault(method, e);
            response = (protocol == null ? ConnectUnary.JSON : protocol).error(e, extra);
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", method == null ? "a request" : method.name(), e);
            response = (protocol == null ? ConnectUnary.JSON : protocol).error(new InternalException("internal error"),
                    extra);
        }
        cors.decorate(request, response.headers());
        return response;
    }

    /** The protocol of a request other than GET. */
    private static Protocol protocolOf(RpcRequest request, Headers extra) {
        switch (request.method()) {
            case "POST" -> {
                String type = request.headers().first("Content-Type");
                Protocol protocol = type == null ? null : BY_CONTENT_TYPE.get(mediaType(type));
                if (protocol == null) {
                    extra.set("Accept-Post", ACCEPT_POST);
                    throw new ProtocolException(ErrorCode.INVALID_ARGUMENT, 415, type == null
                            ? "Content-Type is missing; send one of " + ACCEPT_POST
                            : "Content-Type must be one of " + ACCEPT_POST);
                }
                if (protocol == ConnectUnary.JSON) {
                    requireUtf8(type);
                }
                return protocol;
            }
            default -> {
                extra.set("Allow", "POST, GET");
                throw new ProtocolException(ErrorCode.INVALID_ARGUMENT, 405, "this method accepts POST (or GET) only");
            }
        }
    }

    private UnaryMethod methodOf(String name) {
        UnaryMethod method = methods.get(name);
        if (method != null) {
            return method;
        }
        MethodSchema known = PlaygroundApi.method(name);
        if (known == null) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, 404, PlaygroundApi.SERVICE + " has no such method");
        }
        // A method of the service that another function (or Beam's runners) serves.
        throw new ProtocolException(ErrorCode.UNIMPLEMENTED, PlaygroundApi.SERVICE + "/" + known.name()
                + " is not served here");
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static void requireUtf8(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].strip().toLowerCase(Locale.ROOT).replace("\"", "");
            if (param.startsWith("charset=") && !param.equals("charset=utf-8")) {
                throw new ProtocolException(ErrorCode.INVALID_ARGUMENT, 415, "only the UTF-8 charset is accepted");
            }
        }
    }

    /** Client errors are the client's to read; what the server could not do is logged once, here. */
    private static void logServerFault(UnaryMethod method, PlaygroundException e) {
        String name = method == null ? "a request" : method.name();
        if (e.code() == ErrorCode.UNAVAILABLE) {
            LOG.warn("{} unavailable: {}", name, e.getMessage(), e.getCause());
        } else if (e.code() == ErrorCode.INTERNAL) {
            LOG.error("{} failed: {}", name, e.getMessage(), e);
        }
    }
}
