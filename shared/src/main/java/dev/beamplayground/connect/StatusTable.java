package dev.beamplayground.connect;

import dev.beamplayground.domain.error.ErrorCode;

/** How each error code is written: the Connect protocol's HTTP status and the gRPC status number. */
final class StatusTable {
    private StatusTable() {
    }

    /** Connect unary's HTTP status of an error code (the Connect protocol's table). */
    static int httpStatus(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case INTERNAL -> 500;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
        };
    }

    /** The gRPC status code number (grpc-status) of an error code. */
    static int grpcStatus(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> 3;
            case DEADLINE_EXCEEDED -> 4;
            case NOT_FOUND -> 5;
            case ALREADY_EXISTS -> 6;
            case PERMISSION_DENIED -> 7;
            case RESOURCE_EXHAUSTED -> 8;
            case FAILED_PRECONDITION -> 9;
            case ABORTED -> 10;
            case UNIMPLEMENTED -> 12;
            case INTERNAL -> 13;
            case UNAVAILABLE -> 14;
            case UNAUTHENTICATED -> 16;
        };
    }
}
