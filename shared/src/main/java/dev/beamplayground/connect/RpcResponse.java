package dev.beamplayground.connect;

/**
 * One HTTP answer of the protocol layer: status, headers and the whole body.
 */
public record RpcResponse(int status, Headers headers, byte[] body) {
    public RpcResponse {
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.first(name);
    }
}
