package dev.beamplayground.connect;

import com.google.protobuf.Message;
import dev.beamplayground.domain.error.InvalidArgumentException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Connect GET for side-effect-free methods: {@code GET /<service>/<Method>?encoding=json&message=<JSON>}
 * (optionally {@code base64=1}, {@code connect=v1}, {@code compression=identity}), answered with a strong
 * ETag and Cache-Control; a matching {@code If-None-Match} gets 304 without a body.
 */
public final class ConnectGet {
    private final ConnectCodec codec;
    private final String cacheControl;

    /**
     * @param cacheControl the Cache-Control of every GET answer (e.g. {@code no-cache}: caches keep the
     *                     answer but revalidate it with its ETag, so nothing stale is ever shown)
     */
    public ConnectGet(ConnectCodec codec, String cacheControl) {
        this.codec = codec;
        this.cacheControl = cacheControl;
    }

    /** Parses the query's {@code message} into {@code builder}'s message type. */
    public <T extends Message> T parse(HttpRequest<?> request, T.Builder builder) {
        String encoding = request.getParameters().get("encoding");
        if (encoding == null) {
            throw new InvalidArgumentException("a Connect GET needs the query parameter encoding=json");
        }
        if (!encoding.equals("json")) {
            throw new UnsupportedContentTypeException("only encoding=json is supported");
        }
        String compression = request.getParameters().get("compression");
        if (compression != null && !compression.equals("identity")) {
            throw new InvalidArgumentException("only compression=identity is supported");
        }
        String connect = request.getParameters().get("connect");
        if (connect != null && !connect.equals("v1")) {
            throw new InvalidArgumentException("connect must be v1");
        }
        String message = request.getParameters().get("message");
        if (message == null) {
            throw new InvalidArgumentException("a Connect GET needs the query parameter message");
        }
        if (message.length() > codec.maxRequestBytes()) {
            throw new dev.beamplayground.domain.error.TooLargeException("the message is too large");
        }
        byte[] json;
        if ("1".equals(request.getParameters().get("base64"))) {
            try {
                json = Base64.getUrlDecoder().decode(message.replace("=", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException("message is not base64url");
            }
        } else {
            json = message.getBytes(StandardCharsets.UTF_8);
        }
        return codec.parseJson(json, builder);
    }

    /** 200 with the body, or 304 when the client already holds it; both carry ETag and Cache-Control. */
    public HttpResponse<byte[]> respond(HttpRequest<?> request, CacheableBody body) {
        MutableHttpResponse<byte[]> response = matches(request.getHeaders().getAll(HttpHeaders.IF_NONE_MATCH), body.etag())
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(body.json()).contentType(MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, body.etag()).header(HttpHeaders.CACHE_CONTROL, cacheControl);
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
