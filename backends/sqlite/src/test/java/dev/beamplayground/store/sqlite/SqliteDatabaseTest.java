package dev.beamplayground.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The transaction runner every statement of the backend goes through: a failure is translated once and
 * never retried here; the only waiting is SQLite's busy handler, bounded by the connection's busy timeout.
 */
class SqliteDatabaseTest {
    @TempDir
    Path dir;

    private SqliteDatabase db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private SqliteDatabase open(int busyTimeoutMillis) {
        db = new SqliteDatabase(dir.resolve("t.db"), busyTimeoutMillis);
        return db;
    }

    @Test
    void aBusyFailureRunsTheWorkOnceAndIsUnavailable() {
        SqliteDatabase d = open(100);
        AtomicInteger attempts = new AtomicInteger();
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> d.transaction(true, c -> {
            attempts.incrementAndGet();
            throw new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY);
        }));
        assertEquals("the SQLite database is busy", e.getMessage());
        assertEquals(1, attempts.get());
    }

    @Test
    void anyOtherFailureRunsTheWorkOnceAndIsInternal() {
        SqliteDatabase d = open(100);
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(InternalException.class, () -> d.transaction(false, c -> {
            attempts.incrementAndGet();
            throw new SQLiteException("constraint", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
        }));
        assertEquals(1, attempts.get());
    }

    @Test
    void theConnectionWaitsForALockAtMostTheBusyTimeout() {
        int timeout = open(1234).transaction(false, c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA busy_timeout")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(1234, timeout);
    }

    /** The write lock held elsewhere: the busy handler waits its bound out, then the call fails once, work unrun. */
    @Test
    void aWriteLockHeldElsewhereFailsAfterTheBusyTimeoutWithoutRunningTheWork() throws Exception {
        SqliteDatabase d = open(200);
        d.transaction(false, c -> null); // opened, schema made
        AtomicInteger attempts = new AtomicInteger();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
             Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            long start = System.nanoTime();
            RuntimeException e = assertThrows(RuntimeException.class, () -> d.transaction(true, c -> attempts.incrementAndGet()));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            st.execute("ROLLBACK");
            assertInstanceOf(StoreUnavailableException.class, e);
            assertEquals(0, attempts.get());
            assertTrue(waitedMillis >= 150, "waited " + waitedMillis + " ms");
        }
        int after = d.transaction(true, c -> attempts.incrementAndGet());
        assertEquals(1, after);
    }

    @Test
    void failedWorkIsRolledBack() {
        SqliteDatabase d = open(100);
        assertThrows(IllegalStateException.class, () -> d.transaction(true, c -> {
            SqliteSql.execute(c, "INSERT INTO pg_visit_marks (id, at) VALUES ('m', 1)");
            throw new IllegalStateException("after the insert");
        }));
        long marks = d.transaction(false, c -> SqliteSql.count(c, "SELECT COUNT(*) FROM pg_visit_marks"));
        assertEquals(0, marks);
    }
}
