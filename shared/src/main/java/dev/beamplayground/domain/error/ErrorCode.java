package dev.beamplayground.domain.error;

/** The error codes this backend answers with; the names are the Connect (gRPC) code names. */
public enum ErrorCode {
    INVALID_ARGUMENT("invalid_argument"),
    NOT_FOUND("not_found"),
    FAILED_PRECONDITION("failed_precondition"),
    RESOURCE_EXHAUSTED("resource_exhausted"),
    UNAVAILABLE("unavailable"),
    INTERNAL("internal"),
    UNIMPLEMENTED("unimplemented"),
    DEADLINE_EXCEEDED("deadline_exceeded"),
    ALREADY_EXISTS("already_exists"),
    ABORTED("aborted"),
    PERMISSION_DENIED("permission_denied"),
    UNAUTHENTICATED("unauthenticated");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
