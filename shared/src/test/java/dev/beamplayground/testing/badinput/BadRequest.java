package dev.beamplayground.testing.badinput;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One malformed request and the answers it may get.
 *
 * @param name         what is wrong with it, for the test report (printable, unique within a suite)
 * @param method       the HTTP method name, possibly one HTTP does not know
 * @param path         the request path, with a query string for Connect GET
 * @param headers      the request headers, Content-Type included when there is one
 * @param body         the body bytes, or null for none
 * @param statuses     for Connect: the HTTP statuses that are right for it (all 4xx)
 * @param grpcStatuses for gRPC-Web: the grpc-status codes that are right for it (client errors); empty for Connect
 */
public record BadRequest(String name, String method, String path, Map<String, String> headers, byte[] body,
                         Set<Integer> statuses, Set<Integer> grpcStatuses) {
    /** grpc-status codes a client's mistake may get: invalid_argument, not_found, resource_exhausted, failed_precondition, unimplemented. */
    static final Set<Integer> CLIENT_GRPC_STATUSES = Set.of(3, 5, 8, 9, 12);

    public BadRequest {
        headers = new LinkedHashMap<>(headers);
        if (grpcStatuses.isEmpty()) {
            if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s < 400 || s > 499)) {
                throw new IllegalArgumentException("a bad request expects 4xx only: " + name);
            }
        } else if (!CLIENT_GRPC_STATUSES.containsAll(grpcStatuses)) {
            throw new IllegalArgumentException("a bad gRPC-Web request expects client errors only: " + name);
        }
    }

    /** A Connect request with at most a Content-Type header. */
    public BadRequest(String name, String method, String path, String contentType, byte[] body, Set<Integer> statuses) {
        this(name, method, path, contentType == null ? Map.of() : Map.of("Content-Type", contentType), body, statuses,
                Set.of());
    }

    public boolean grpcWeb() {
        return !grpcStatuses.isEmpty();
    }

    BadRequest renamed(String unique) {
        return new BadRequest(unique, method, path, headers, body, statuses, grpcStatuses);
    }

    @Override
    public String toString() {
        return name;
    }
}
