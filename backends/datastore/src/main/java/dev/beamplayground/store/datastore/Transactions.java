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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.function.Supplier;

/**
 * The one place where the backend's Datastore calls are retried and their failures mapped to domain errors:
 * transactions retried on contention ({@link #run}), single calls translated and not retried ({@link #call}: the
 * client's own retry settings apply to them), the visit's commit in its reading transaction
 * ({@link #begin}, {@link #commitElseRun}), and the batch limits.
 */
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
    private final Pause pause;
    private final LongBinaryOperator jitter;

    /** Waits the given milliseconds; a fake in tests. */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    Transactions(Datastore datastore) {
        this(datastore, Thread::sleep, (from, to) -> ThreadLocalRandom.current().nextLong(from, to));
    }

    /** {@code jitter} picks a backoff in [from, to), as {@code ThreadLocalRandom.nextLong(from, to)} does. */
    Transactions(Datastore datastore, Pause pause, LongBinaryOperator jitter) {
        this.datastore = datastore;
        this.pause = pause;
        this.jitter = jitter;
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

    /**
     * One call outside a transaction, not retried here (the client retries within its time budget).
     *
     * @throws PlaygroundException the failure as a domain error
     */
    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** {@link #call(Supplier)} for work without a result. */
    static void call(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** The result of a future run on the backend's pool; its failure as a domain error. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw translate(e.getCause() instanceof RuntimeException r ? r : e);
        }
    }

    /** A transaction left open after its first read, for {@link #commitElseRun}. */
    record Begun<T>(Transaction tx, T read) {
    }

    /**
     * Begins a transaction and makes its first read; on failure the transaction is rolled back and the
     * failure translated. The caller commits ({@link #commitElseRun}) or rolls back the open transaction.
     */
    <T> Begun<T> begin(Function<Transaction, T> firstRead) {
        Transaction tx = null;
        try {
            tx = datastore.newTransaction();
            return new Begun<>(tx, firstRead.apply(tx));
        } catch (RuntimeException e) {
            rollbackQuietly(tx);
            throw translate(e);
        }
    }

    /**
     * Finishes {@code open} with {@code work} and commits it, once. Lost to contention: after one backoff,
     * {@code again} runs as {@link #run} runs work (a new transaction, its own attempts). Any other failure
     * of the first commit is thrown as the client threw it, untranslated; a failure of {@code again} is
     * translated, as by {@link #run}.
     */
    <T> T commitElseRun(Transaction open, Function<Transaction, T> work, Function<Transaction, T> again) {
        try {
            T result = work.apply(open);
            open.commit();
            return result;
        } catch (RuntimeException e) {
            rollbackQuietly(open);
            if (!isContention(e)) {
                throw e;
            }
        }
        backoff(1);
        return run(again);
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

    /** Waits a jittered time between half and all of the attempt's ceiling, which doubles up to 1 s. */
    void backoff(int attempt) {
        long ceiling = backoffCeiling(attempt);
        try {
            pause.sleep(jitter.applyAsLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to retry", e);
        }
    }

    static long backoffCeiling(int attempt) {
        return Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt, 10));
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
