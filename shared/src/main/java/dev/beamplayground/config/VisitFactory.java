package dev.beamplayground.config;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.visit.VisitBuffer;
import java.util.Optional;

/**
 * The visit buffer: in Redis when Redis is configured and {@code visits.buffer} is not {@code false}. It is
 * used only with a store that can fold buffered visits in ({@link VisitLedger}: datastore, sqlite); with any
 * other store, and without Redis, GetSnippet counts each visit in the store as before. The Redis buffer
 * itself is a bean of the redis module ({@code visit.redis.RedisVisitFactory}).
 */
public final class VisitFactory {
    /** {@code false} switches the buffer off where Redis is configured. */
    public static final String BUFFER = "visits.buffer";

    private VisitFactory() {
    }

    /** The buffer when there is one and the store can take its visits. */
    public static Optional<VisitBuffer> usable(Optional<VisitBuffer> buffer, PlaygroundStore store) {
        return store instanceof VisitLedger ? buffer : Optional.empty();
    }
}
