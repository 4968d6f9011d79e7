package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreException;
import com.google.cloud.datastore.DatastoreReader;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Transaction;
import com.google.datastore.v1.TransactionOptions;
import com.google.protobuf.ByteString;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.store.StoreUnavailableException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/** Datastore transactions retried on contention, batch limits, and the mapping of failures to domain errors. */
final class Transactions {
    /** Keys per lookup call. */
    static final int MAX_LOOKUP = 1000;
    /** Mutations per commit. */
    static final int MAX_MUTATIONS = 500;

    /** Enough for a burst of concurrent saves under one persistence key to drain (first committer wins). */
    static final int MAX_ATTEMPTS = 12;
    private static final long BACKOFF_BASE_MILLIS = 20;
    private static final long BACKOFF_CAP_MILLIS = 1000;

    /** Codes that say "try again later" rather than "this request is wrong". */
    private static final Set<String> PASSING = Set.of("ABORTED", "UNAVAILABLE", "DEADLINE_EXCEEDED",
            "RESOURCE_EXHAUSTED");

    private final Datastore datastore;

    Transactions(Datastore datastore) {
        this.datastore = datastore;
    }

    /**
     * Runs {@code work} in a transaction and commits it unless the work rolled it back itself. On
     * contention (ABORTED) the whole work runs again in a new transaction, after a jittered backoff.
     *
     * @throws PlaygroundException the failure as a domain error
     */
    <T> T run(Function<Transaction, T> work) {
        ByteString previous = null;
        for (int attempt = 1; ; attempt++) {
            Transaction tx = null;
            try {
                tx = previous == null ? datastore.newTransaction() : datastore.newTransaction(retryOf(previous));
                T result = work.apply(tx);
                if (tx.isActive()) {
                    commit(tx);
                }
                return result;
            } catch (DatastoreException e) {
                if (!isContention(e) || attempt >= MAX_ATTEMPTS) {
                    throw translate(e);
                }
                previous = tx == null ? null : tx.getTransactionId();
            } catch (RuntimeException e) {
                throw translate(e);
            } finally {
                rollbackQuietly(tx);
            }
            backoff(attempt);
        }
    }

    /**
     * Commits; a commit refused because its transaction is gone has an unknown outcome: the client
     * library retries a commit whose answer was lost, and when the first attempt had committed, the
     * retry finds the transaction finished. That is a passing failure for the caller to retry (a save is
     * idempotent: it finds its snippet stored), not a fault of ours.
     */
    private static void commit(Transaction tx) {
        try {
            tx.commit();
        } catch (DatastoreException e) {
            if (isTransactionGone(e)) {
                throw new StoreUnavailableException("the outcome of a commit is unknown; retry", e);
            }
            throw e;
        }
    }

    /**
     * INVALID_ARGUMENT naming the transaction: "transaction has expired or is invalid" (emulator), "The
     * referenced transaction has expired or is no longer valid" (Datastore).
     */
    static boolean isTransactionGone(DatastoreException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return (e.getCode() == 3 || "INVALID_ARGUMENT".equals(e.getReason())) && message.contains("transaction");
    }

    /** Names the aborted transaction so the retry gets lock priority in production Datastore. */
    private static TransactionOptions retryOf(ByteString previous) {
        return TransactionOptions.newBuilder()
                .setReadWrite(TransactionOptions.ReadWrite.newBuilder().setPreviousTransaction(previous))
                .build();
    }

    static void rollbackQuietly(Transaction tx) {
        if (tx != null && tx.isActive()) {
            try {
                tx.rollback();
            } catch (RuntimeException e) {
                // The transaction expires on its own; the original outcome matters more.
            }
        }
    }

    static void backoff(int attempt) {
        long ceiling = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry", e);
        }
    }

    static boolean isContention(RuntimeException e) {
        return e instanceof DatastoreException d && (d.getCode() == 10 || "ABORTED".equals(d.getReason()));
    }

    /**
     * A passing failure (contention, unreachable, overloaded, timed out) becomes a
     * {@link StoreUnavailableException}, anything else an {@link InternalException}. Messages carry no
     * stored data; the cause is for the log.
     */
    static PlaygroundException translate(RuntimeException e) {
        if (e instanceof PlaygroundException p) {
            return p;
        }
        boolean passing = e instanceof DatastoreException d
                && (d.isRetryable() || PASSING.contains(d.getReason()) || d.getCode() == 14 || d.getCode() == 4);
        if (passing || causedByIo(e)) {
            return new StoreUnavailableException("the snippet store is unavailable", e);
        }
        return new InternalException("the snippet store failed", e);
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** Looks keys up in calls of at most {@link #MAX_LOOKUP} keys; the result is in key order, null when absent. */
    static List<Entity> fetchAll(DatastoreReader reader, List<Key> keys) {
        List<Entity> out = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += MAX_LOOKUP) {
            List<Key> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_LOOKUP));
            out.addAll(reader.fetch(chunk.toArray(Key[]::new)));
        }
        return out;
    }
}
