package dev.beamplayground.redis.resp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most {@code size} connections to one endpoint, made when asked for and none before (an instance connects at
 * its first Redis call), the most recently returned handed out first. A caller waits no longer than
 * {@code maxWait} for a free one; a connection that broke, or still owes a reply, is closed instead of returned.
 */
public final class RespPool implements AutoCloseable {
    private final RespEndpoint endpoint;
    private final int size;
    private final long maxWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final ArrayDeque<RespConnection> idle = new ArrayDeque<>();
    private int open;
    private boolean closed;

    public RespPool(RespEndpoint endpoint, int size, Duration maxWait) {
        if (size < 1) {
            throw new IllegalArgumentException("a Redis pool holds at least one connection");
        }
        this.endpoint = endpoint;
        this.size = size;
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** An idle connection, else a new one while fewer than the size are open, else the first returned in time. */
    public RespConnection borrow() {
        lock.lock();
        try {
            long left = maxWaitNanos;
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the Redis connections are closed");
                }
                RespConnection connection = idle.pollFirst();
                if (connection != null) {
                    return connection;
                }
                if (open < size) {
                    open++;
                    break;
                }
                if (left <= 0) {
                    throw new RespConnectionException("no pooled Redis connection was free within "
                            + TimeUnit.NANOSECONDS.toMillis(maxWaitNanos) + " ms", null);
                }
                try {
                    left = freed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RespConnectionException("interrupted while waiting for a Redis connection", e);
                }
            }
        } finally {
            lock.unlock();
        }
        try {
            return RespConnection.open(endpoint); // outside the lock: others reuse idle connections meanwhile
        } catch (RuntimeException e) {
            forget();
            throw e;
        }
    }

    /** Back to the pool, or closed when it broke or still owes a reply. */
    public void release(RespConnection connection) {
        lock.lock();
        try {
            if (connection.reusable() && !closed) {
                idle.addFirst(connection);
                freed.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        connection.close();
        forget();
    }

    /** Closes the idle connections: after a failure they went to a server that is gone or restarted. */
    public void clear() {
        List<RespConnection> dropped;
        lock.lock();
        try {
            dropped = new ArrayList<>(idle);
            idle.clear();
            open -= dropped.size();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        dropped.forEach(RespConnection::close);
    }

    /** Connections in use are closed as they come back. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        clear();
    }

    private void forget() {
        lock.lock();
        try {
            open--;
            freed.signal();
        } finally {
            lock.unlock();
        }
    }
}
