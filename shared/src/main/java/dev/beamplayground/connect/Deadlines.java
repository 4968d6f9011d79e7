package dev.beamplayground.connect;

import dev.beamplayground.domain.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Honours a client's timeout: a call with one runs on a worker thread and the client gets
 * {@code deadline_exceeded} when it ends, as a connect-go server answers; the worker is interrupted. A call
 * without one runs on the caller's thread. The pool is made on the first call that needs it.
 */
final class Deadlines {
    private Deadlines() {
    }

    private static final class Pool {
        static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rpc-deadline");
            t.setDaemon(true);
            return t;
        });
    }

    static <T> T run(Supplier<T> call, Duration timeout) {
        if (timeout == null) {
            return call.get();
        }
        if (timeout.isZero()) {
            throw exceeded();
        }
        Future<T> future = Pool.WORKERS.submit(call::get);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw exceeded();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw exceeded();
        } catch (CancellationException e) {
            throw exceeded();
        }
    }

    private static ProtocolException exceeded() {
        return new ProtocolException(ErrorCode.DEADLINE_EXCEEDED, "the call's deadline passed before it completed");
    }
}
