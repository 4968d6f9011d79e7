package dev.beamplayground.redis;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.redis.resp.RespConnectionException;
import dev.beamplayground.redis.resp.RespErrorReply;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Where Redis failures become domain errors, for every user of the connection: the scripts run through
 * {@link ScriptRunner} (the pipeline store, the visit buffer) and the catalog cache ({@code catalog.redis}).
 * Whatever means "Redis is not there now" (connection refused or lost, TLS refused, command timed out, no pooled
 * connection free in time, the connection bean that could not be created, a wait for an answer that timed out, a
 * passing reply such as LOADING or BUSY) becomes {@link RedisUnavailableException} (503); anything else is a fault
 * of ours (a script error, a wrong type) and becomes an {@link InternalException} (500, logged). What a caller does
 * with either is its own policy: the pipeline functions answer it, the catalog cache's reader falls back to the
 * store, its publisher throws it to the loader.
 */
public final class RedisFailures {
    /** Server replies that mean "not now" rather than "wrong". */
    private static final List<String> PASSING_REPLIES =
            List.of("LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "OOM", "READONLY", "CLUSTERDOWN");

    private RedisFailures() {
    }

    /** Runs a Redis call, translating its failure. {@code what} names the operation for the log, not data. */
    public static <T> T call(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /** {@code e} as a domain error; {@code what} names the operation for the log, not data. */
    public static PlaygroundException translate(String what, Throwable e) {
        if (e instanceof PlaygroundException known) {
            return known;
        }
        if (isUnavailable(e)) {
            return new RedisUnavailableException("Redis is unreachable (" + what + "); retry shortly", e);
        }
        return new InternalException("Redis failed (" + what + ")", e);
    }

    /** Whether the cause chain says that Redis is unreachable or refusing for a passing reason. */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RespErrorReply reply) {
                String message = reply.getMessage() == null ? "" : reply.getMessage();
                return PASSING_REPLIES.stream().anyMatch(message::startsWith);
            }
            // Connection refused, lost or timed out, TLS refused, no pooled connection free in time. Bean creation
            // failures wrap one of these, or the IOException below; a TimeoutException is a caller's own wait for an
            // answer.
            if (t instanceof RespConnectionException || t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
