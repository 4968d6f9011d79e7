package dev.beamplayground.redis.resp;

/** An error reply of the server ({@code NOSCRIPT ...}, {@code WRONGTYPE ...}, {@code LOADING ...}): the connection is fine. */
public final class RespErrorReply extends RuntimeException {
    public RespErrorReply(String message) {
        super(message, null, false, false);
    }
}
