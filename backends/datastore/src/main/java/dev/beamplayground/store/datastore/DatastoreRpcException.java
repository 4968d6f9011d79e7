package dev.beamplayground.store.datastore;

import java.io.IOException;

/**
 * A Datastore call that failed: the call's status code (gRPC's numbering, as Datastore answers it) and its name,
 * or an I/O failure (no answer), which counts as {@code UNAVAILABLE}. The message is Datastore's and may quote
 * request data: it is for the cause chain of a domain error, never for a log line of its own.
 */
final class DatastoreRpcException extends RuntimeException {
    static final int INVALID_ARGUMENT = 3;
    static final int DEADLINE_EXCEEDED = 4;
    static final int RESOURCE_EXHAUSTED = 8;
    static final int ABORTED = 10;
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;

    private static final String[] NAMES = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
        "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};

    private final int code;

    DatastoreRpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** No answer: refused, reset, timed out. */
    DatastoreRpcException(IOException cause) {
        super("no answer from Datastore: " + cause.getClass().getSimpleName(), cause);
        this.code = UNAVAILABLE;
    }

    int code() {
        return code;
    }

    /** The code's name ({@code ABORTED}); {@code UNKNOWN} for a code outside gRPC's list. */
    String reason() {
        return code >= 0 && code < NAMES.length ? NAMES[code] : "UNKNOWN";
    }

    /** The code of an HTTP status whose answer carried no status of Datastore's (a proxy's, a load balancer's). */
    static int codeOfHttpStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_ARGUMENT;
            case 401 -> 16;
            case 403 -> 7;
            case 404 -> 5;
            case 409 -> ABORTED;
            case 429 -> RESOURCE_EXHAUSTED;
            case 499 -> 1;
            case 501 -> 12;
            case 502, 503 -> UNAVAILABLE;
            case 504 -> DEADLINE_EXCEEDED;
            default -> status >= 500 ? INTERNAL : 2;
        };
    }
}
