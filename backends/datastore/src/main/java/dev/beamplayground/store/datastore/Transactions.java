package dev.beamplayground.store.datastore;

import com.google.protobuf.ByteString;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.store.StoreUnavailableException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.function.Supplier;

/**
 * The one place where the backend's Datastore calls are retried and their failures mapped to domain errors:
 * transactions retried on contention ({@link #run}), single calls translated and not retried ({@link #call}:
 * {@link DatastoreRpc} retries their passing failures), the visit's commit in its reading transaction
 * ({@link #begin}, {@link #commitElseRun}), and the batch limits.
 */
final class Transactions {
    /** Mutations per commit. */
    static final int MAX_MUTATIONS = 500;

    /** Enough for a burst of concurrent saves under one persistence key to drain (first committer wins). */
    static final int MAX_ATTEMPTS = 12;
    private static final long BACKOFF_BASE_MILLIS = 20;
    private static final long BACKOFF_CAP_MILLIS = 1000;

    private final DatastoreTransaction.Source datastore;
    private final Pause pause;
    private final LongBinaryOperator jitter;

    /** Waits the given milliseconds; a fake in tests. */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    Transactions(DatastoreTransaction.Source datastore) {
        this(datastore, Thread::sleep, (from, to) -> ThreadLocalRandom.current().nextLong(from, to));
    }

    /** {@code jitter} picks a backoff in [from, to), as {@code ThreadLocalRandom.nextLong(from, to)} does. */
    Transactions(DatastoreTransaction.Source datastore, Pause pause, LongBinaryOperator jitter) {
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
    <T> T run(Function<DatastoreTransaction, T> work) {
        ByteString previous = null;
        for (int attempt = 1; ; attempt++) {
            DatastoreTransaction tx = null;
            try {
                tx = datastore.begin(previous);
                T result = work.apply(tx);
                if (tx.isActive()) {
                    commit(tx);
                }
                return result;
            } catch (DatastoreRpcException e) {
                if (!isContention(e) || attempt >= MAX_ATTEMPTS) {
                    throw translate(e);
                }
                previous = tx == null ? null : tx.id();
            } catch (RuntimeException e) {
                throw translate(e);
            } finally {
                rollbackQuietly(tx);
            }
            backoff(attempt);
        }
    }

    /**
     * Commits; a commit refused because its transaction is gone has an unknown outcome: {@link DatastoreRpc}
     * retries a commit whose answer was lost, and when the first attempt had committed, the
     * retry finds the transaction finished. That is a passing failure for the caller to retry (a save is
     * idempotent: it finds its snippet stored), not a fault of ours.
     */
    private static void commit(DatastoreTransaction tx) {
        try {
            tx.commit();
        } catch (DatastoreRpcException e) {
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
    static boolean isTransactionGone(DatastoreRpcException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
        return e.code() == DatastoreRpcException.INVALID_ARGUMENT && message.contains("transaction");
    }

    /**
     * One call outside a transaction, not retried here ({@link DatastoreRpc} retries within its time budget).
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
    record Begun<T>(DatastoreTransaction tx, T read) {
    }

    /**
     * Begins a transaction and makes its first read; on failure the transaction is rolled back and the
     * failure translated. The caller commits ({@link #commitElseRun}) or rolls back the open transaction.
     */
    <T> Begun<T> begin(Function<DatastoreTransaction, T> firstRead) {
        DatastoreTransaction tx = null;
        try {
            tx = datastore.begin(null);
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
    <T> T commitElseRun(DatastoreTransaction open, Function<DatastoreTransaction, T> work,
                        Function<DatastoreTransaction, T> again) {
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

    static void rollbackQuietly(DatastoreTransaction tx) {
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
        return e instanceof DatastoreRpcException d && d.code() == DatastoreRpcException.ABORTED;
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
        boolean passing = e instanceof DatastoreRpcException d && (DatastoreRpc.passing(d.code(), true)
                || d.code() == DatastoreRpcException.RESOURCE_EXHAUSTED);
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
}
