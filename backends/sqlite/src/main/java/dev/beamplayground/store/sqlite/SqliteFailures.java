package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.StoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;

/**
 * The one place SQLite failures become the store's errors; {@link SqliteDatabase} is its only caller, and
 * every statement of the backend runs through it. Nothing is retried here: a database locked by another
 * connection is waited out by SQLite's own busy handler, at most the busy timeout the connection was
 * opened with, and then fails once as {@link StoreUnavailableException}, which the caller may retry.
 * Messages never carry SQL or data.
 */
final class SqliteFailures {
    private SqliteFailures() {
    }

    /** A failure of work in a transaction: busy, locked and I/O failures pass; anything else is a fault here. */
    static RuntimeException translate(SQLException e) {
        int primary = e.getErrorCode() & 0xFF;
        if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return new StoreUnavailableException("the SQLite database is busy", e);
        }
        if (primary == SQLiteErrorCode.SQLITE_IOERR.code || primary == SQLiteErrorCode.SQLITE_FULL.code
                || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code) {
            return new StoreUnavailableException("the SQLite database cannot be read or written", e);
        }
        return new InternalException("SQLite store operation failed", e);
    }

    /**
     * A failure while opening, whatever its code: a store that cannot be reached (a missing mount,
     * permissions, a full disk, the schema update waiting too long). The next call opens again.
     */
    static StoreUnavailableException notOpened(SQLException e) {
        return new StoreUnavailableException("the SQLite database cannot be opened", e);
    }

    /** The database's directory cannot be made: unreachable like a database that cannot be opened. */
    static StoreUnavailableException noDirectory(IOException e) {
        return new StoreUnavailableException("the SQLite database directory cannot be created", e);
    }
}
