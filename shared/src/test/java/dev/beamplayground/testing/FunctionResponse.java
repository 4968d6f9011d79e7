package dev.beamplayground.testing;

import dev.beamplayground.connect.Headers;
import java.nio.charset.StandardCharsets;

/** What a function wrote for one request: status, headers and body, as the Functions Framework would send them. */
public final class FunctionResponse {
    private final int status;
    private final Headers headers;
    private final byte[] body;

    FunctionResponse(int status, Headers headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    public int getStatusCode() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public String getBodyAsText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.first(name);
    }

    public Headers headers() {
        return headers;
    }
}
