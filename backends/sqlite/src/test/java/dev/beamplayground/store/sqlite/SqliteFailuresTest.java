package dev.beamplayground.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.StoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Each SQLite failure code as the store's error, by primary code, with no SQL or data in the message. */
class SqliteFailuresTest {

    private static RuntimeException translated(SQLiteErrorCode code) {
        SQLiteException e = new SQLiteException("SELECT secret FROM pg_snippets", code);
        RuntimeException out = SqliteFailures.translate(e);
        assertSame(e, out.getCause());
        assertFalse(out.getMessage().contains("pg_snippets"), out.getMessage());
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = SQLiteErrorCode.class, names = {"SQLITE_BUSY.*", "SQLITE_LOCKED.*"}, mode = Mode.MATCH_ANY)
    void busyAndLockedAreUnavailable(SQLiteErrorCode code) {
        RuntimeException e = translated(code);
        assertInstanceOf(StoreUnavailableException.class, e);
        assertEquals("the SQLite database is busy", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SQLiteErrorCode.class, names = {"SQLITE_IOERR.*", "SQLITE_FULL", "SQLITE_CANTOPEN.*"},
            mode = Mode.MATCH_ANY)
    void ioFullAndCannotOpenAreUnavailable(SQLiteErrorCode code) {
        RuntimeException e = translated(code);
        assertInstanceOf(StoreUnavailableException.class, e);
        assertEquals("the SQLite database cannot be read or written", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = SQLiteErrorCode.class, names = {"SQLITE_CONSTRAINT.*", "SQLITE_ERROR", "SQLITE_CORRUPT.*",
            "SQLITE_MISUSE", "SQLITE_READONLY.*"}, mode = Mode.MATCH_ANY)
    void anythingElseIsInternal(SQLiteErrorCode code) {
        RuntimeException e = translated(code);
        assertInstanceOf(InternalException.class, e);
        assertEquals("SQLite store operation failed", e.getMessage());
    }

    @Test
    void aFailureWithoutSqliteCodeIsInternal() {
        assertInstanceOf(InternalException.class, SqliteFailures.translate(new SQLException("plain")));
    }

    /** Opening is different on purpose: whatever the code, a database that does not open cannot be reached. */
    @Test
    void anyFailureToOpenIsUnavailable() {
        SQLiteException constraint = new SQLiteException("constraint", SQLiteErrorCode.SQLITE_CONSTRAINT);
        StoreUnavailableException e = SqliteFailures.notOpened(constraint);
        assertEquals("the SQLite database cannot be opened", e.getMessage());
        assertSame(constraint, e.getCause());
        IOException io = new IOException("not a directory");
        assertEquals("the SQLite database directory cannot be created", SqliteFailures.noDirectory(io).getMessage());
        assertSame(io, SqliteFailures.noDirectory(io).getCause());
    }
}
