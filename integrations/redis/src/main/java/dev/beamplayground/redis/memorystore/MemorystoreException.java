package dev.beamplayground.redis.memorystore;

/** The Memorystore instance could not be resolved to an endpoint; the message says why. */
public final class MemorystoreException extends RuntimeException {
    public MemorystoreException(String message) {
        super(message);
    }

    public MemorystoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
