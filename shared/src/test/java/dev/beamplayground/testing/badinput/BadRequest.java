package dev.beamplayground.testing.badinput;

import java.util.Set;

/**
 * One malformed request and the answers it may get.
 *
 * @param name        what is wrong with it, for the test report (printable, unique within a suite)
 * @param method      the HTTP method name, possibly one HTTP does not know
 * @param path        the request path, with a query string for Connect GET
 * @param contentType the Content-Type header, or null for none
 * @param body        the body bytes, or null for none
 * @param statuses    the HTTP statuses that are right for it (all 4xx)
 */
public record BadRequest(String name, String method, String path, String contentType, byte[] body,
                         Set<Integer> statuses) {
    public BadRequest {
        if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s < 400 || s > 499)) {
            throw new IllegalArgumentException("a bad request expects 4xx only: " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
