package dev.beamplayground.connect;

import dev.beamplayground.domain.error.ErrorCode;
import dev.beamplayground.domain.error.PlaygroundException;

/**
 * A request the protocol layer refuses before any method runs (wrong content type, malformed frame,
 * unknown method, ...). {@code httpStatus}, when not 0, overrides the code's Connect status (415 for a
 * content type, 413 for a body over the limit, 405 for a method), as connect-go answers them.
 */
public final class ProtocolException extends PlaygroundException {
    private final int httpStatus;

    public ProtocolException(ErrorCode code, String message) {
        this(code, 0, message);
    }

    public ProtocolException(ErrorCode code, int httpStatus, String message) {
        super(code, message, null);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
