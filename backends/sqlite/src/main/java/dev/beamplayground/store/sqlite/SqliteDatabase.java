package dev.beamplayground.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file of a store and its one connection, opened (with the schema brought up to date) on first
 * use and guarded by a lock: SQLite serializes writers anyway, and a single connection keeps transactions
 * simple. Several processes may share the file (WAL, busy timeout). Every statement of the backend runs
 * in {@link #transaction}, whose failures {@link SqliteFailures} translates.
 */
final class SqliteDatabase implements AutoCloseable {
    /** Under the store's name: the log lines of the store from before its split by role. */
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final int busyTimeoutMillis;
    private final ReentrantLock lock = new ReentrantLock();
    /** Opened on first use; guarded by {@link #lock}. */
    private Connection connection;
    private boolean closed;

    SqliteDatabase(Path file, int busyTimeoutMillis) {
        this.file = file.toAbsolutePath();
        this.busyTimeoutMillis = busyTimeoutMillis;
    }

    Path file() {
        return file;
    }

    /**
     * Runs {@code work} once in a transaction under the lock. Writers start with {@code BEGIN IMMEDIATE}
     * so they take the write lock up front (waiting out other processes through the busy timeout)
     * instead of failing when a read lock would have to be upgraded mid-transaction.
     */
    <T> T transaction(boolean write, Work<T> work) {
        lock.lock();
        try {
            Connection c = connection();
            SqliteSql.execute(c, write ? "BEGIN IMMEDIATE" : "BEGIN");
            try {
                T result = work.run(c);
                SqliteSql.execute(c, "COMMIT");
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqliteFailures.translate(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.warn("closing the SQLite database failed", e);
                }
                connection = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Connection c, Throwable failure) {
        try {
            SqliteSql.execute(c, "ROLLBACK");
        } catch (SQLException e) {
            // The connection's transaction state is unknown now; start over with a fresh one next time.
            failure.addSuppressed(e);
            connection = null;
            try {
                c.close();
            } catch (SQLException closing) {
                failure.addSuppressed(closing);
            }
        }
    }

    private Connection connection() {
        if (closed) {
            throw new IllegalStateException("the SQLite store is closed");
        }
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    /** Any failure to open is a store that cannot be reached: a missing mount, permissions, a full disk. */
    private Connection open() {
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw SqliteFailures.noDirectory(e);
        }
        SQLiteConfig config = new SQLiteConfig();
        // WAL lets readers in other processes (the maintenance tool) run beside a writer.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(busyTimeoutMillis);
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + file);
            SqliteSql.execute(c, "BEGIN IMMEDIATE");
            SqliteSchema.apply(c);
            SqliteSql.execute(c, "COMMIT");
            LOG.debug("opened SQLite store {}", file);
            return c;
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw SqliteFailures.notOpened(e);
        }
    }
}
