package dev.beamplayground.redis.resp;

/**
 * Redis could not be reached or stopped answering: connect refused or timed out, the connection lost, an answer
 * that did not come within the command timeout, no pooled connection free in time, a reply that is not RESP.
 */
public final class RespConnectionException extends RuntimeException {
    public RespConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
