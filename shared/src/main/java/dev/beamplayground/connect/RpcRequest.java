package dev.beamplayground.connect;

import java.util.Objects;

/**
 * One HTTP request as the protocol layer sees it, independent of the server that received it.
 *
 * @param method the HTTP method, upper case
 * @param path   the request path without the query, e.g. {@code /api.v1.PlaygroundService/GetSnippet}
 * @param query  the raw (still percent-encoded) query string without {@code ?}, or null
 * @param body   the body bytes as received; at most {@link RpcHandler#maxBodyBytes()} plus one byte
 *               (a longer body is cut there by the server adapter and refused as too large)
 */
public record RpcRequest(String method, String path, String query, Headers headers, byte[] body) {
    public RpcRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }
}
