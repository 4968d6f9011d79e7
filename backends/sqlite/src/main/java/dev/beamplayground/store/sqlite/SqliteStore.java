package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.store.VisitLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * A {@link PlaygroundStore} in one SQLite file.
 *
 * <p>One connection, guarded by a lock: SQLite serializes writers anyway, and a single connection
 * keeps transactions simple. Several processes may share the file (WAL, busy timeout); a lock held
 * by another process longer than the timeout surfaces as {@link StoreUnavailableException}.
 *
 * <p>Timestamps are stored as epoch milliseconds, so {@code created} and {@code lVisited} come back
 * truncated to milliseconds ({@code Instant.truncatedTo(MILLIS)}); an instant that already has
 * millisecond precision round-trips unchanged. Datastore keeps microseconds, so milliseconds is
 * what every backend can promise.
 */
final class SqliteStore implements PlaygroundStore, VisitLedger {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

    /** Ids per statement; well below SQLite's host-parameter limit. */
    static final int CHUNK = 500;
    static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 5_000;

    private final Path file;
    private final int busyTimeoutMillis;
    private final Codecs codecs;
    private final ReentrantLock lock = new ReentrantLock();
    /** Opened on first use; guarded by {@link #lock}. */
    private Connection connection;
    private boolean closed;

    SqliteStore(Path file, Codecs codecs) {
        this(file, DEFAULT_BUSY_TIMEOUT_MILLIS, codecs);
    }

    SqliteStore(Path file, int busyTimeoutMillis, Codecs codecs) {
        this.file = file.toAbsolutePath();
        this.busyTimeoutMillis = busyTimeoutMillis;
        this.codecs = Objects.requireNonNull(codecs, "codecs");
    }

    Path file() {
        return file;
    }

    @Override
    public boolean saveSnippet(Snippet snippet) {
        Objects.requireNonNull(snippet, "snippet");
        VersionedObject entity = codecs.snippets().write(snippet.id(), snippet, codecs.writeVersion(Snippet.KIND));
        List<VersionedObject> files = codecs.files().writeAll(snippet, codecs.writeVersion(Snippet.FILE_KIND));
        return transaction(true, c -> {
            // Also when the id exists: a retried save must still leave only this snippet under the key.
            if (snippet.hasPersistenceKey()) {
                List<Stored> others = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, numberOfFiles FROM pg_snippets WHERE persistenceKey = ? AND id <> ?")) {
                    ps.setString(1, snippet.persistenceKey());
                    ps.setString(2, snippet.id());
                    collectStored(ps, others);
                }
                deleteWithFiles(c, others);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_snippets WHERE id = ?")) {
                ps.setString(1, snippet.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            SqliteObjects.insert(c, entity, false);
            // REPLACE: a file row left behind without its snippet must not block the save (Datastore put overwrites too).
            for (VersionedObject file : files) {
                SqliteObjects.insert(c, file, true);
            }
            return true;
        });
    }

    @Override
    public Optional<Snippet> findSnippet(String id) {
        Objects.requireNonNull(id, "id");
        // A read transaction, so the snippet and its files come from one snapshot.
        return transaction(false, c -> read(c, id));
    }

    @Override
    public Optional<Snippet> visitSnippet(String id, Instant now) {
        Objects.requireNonNull(id, "id");
        long visited = millis(now);
        return transaction(true, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE pg_snippets SET visitCount = visitCount + 1, lVisited = ? WHERE id = ?")) {
                ps.setLong(1, visited);
                ps.setString(2, id);
                if (ps.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return read(c, id);
        });
    }

    /** The empty key marks snippets without one, so no snippet is stored "under" it. */
    @Override
    public List<String> snippetIdsByPersistenceKey(String persistenceKey) {
        Objects.requireNonNull(persistenceKey, "persistenceKey");
        if (persistenceKey.isEmpty()) {
            return List.of();
        }
        return transaction(false, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM pg_snippets WHERE persistenceKey = ? ORDER BY id")) {
                ps.setString(1, persistenceKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** One transaction per chunk of ids: each snippet goes with its files, and the lock is not held for long. */
    @Override
    public int deleteSnippets(Collection<String> ids) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        int deleted = 0;
        for (List<String> chunk : chunks(unique)) {
            deleted += transaction(true, c -> {
                List<Stored> found = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, numberOfFiles FROM pg_snippets WHERE id IN (" + placeholders(chunk.size()) + ")")) {
                    bind(ps, chunk);
                    collectStored(ps, found);
                }
                return deleteWithFiles(c, found);
            });
        }
        return deleted;
    }

    @Override
    public long countSnippets() {
        return transaction(false, c -> count(c, "SELECT COUNT(*) FROM pg_snippets"));
    }

    @Override
    public long countFiles() {
        return transaction(false, c -> count(c, "SELECT COUNT(*) FROM pg_files"));
    }

    /** Ids compare as SQLite's BINARY collation does: by their UTF-8 bytes. */
    @Override
    public List<Snippet> snippetPage(String afterId, int limit) {
        Objects.requireNonNull(afterId, "afterId");
        if (limit <= 0) {
            return List.of();
        }
        return transaction(false, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM pg_snippets WHERE id > ? ORDER BY id LIMIT ?")) {
                ps.setString(1, afterId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            List<Snippet> page = new ArrayList<>(ids.size());
            for (String id : ids) {
                page.add(read(c, id).orElseThrow());
            }
            return page;
        });
    }

    /** One transaction per chunk; a replaced snippet's surplus files go, unknown columns take their defaults. */
    @Override
    public int putSnippets(List<Snippet> snippets) {
        int written = 0;
        for (List<Snippet> chunk : chunks(List.copyOf(snippets))) {
            written += transaction(true, c -> {
                for (int i = 0; i < chunk.size(); i++) {
                    Snippet s = chunk.get(i);
                    List<Stored> old = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT id, numberOfFiles FROM pg_snippets WHERE id = ?")) {
                        ps.setString(1, s.id());
                        collectStored(ps, old);
                    }
                    deleteWithFiles(c, old);
                    insertSnippet(c, s);
                }
                return chunk.size();
            });
        }
        return written;
    }

    @Override
    public List<String> staleUserSnippetIds(Instant cutoff, int limit) {
        return transaction(false, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM pg_snippets WHERE origin IN (?, ?)"
                    + " AND lVisited < ? ORDER BY lVisited, id LIMIT ?")) {
                ps.setString(1, Origin.PG_USER.name());
                ps.setString(2, Origin.TB_USER.name());
                ps.setLong(3, millis(cutoff));
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public void forEachStaleUserSnippet(Instant cutoff, java.util.function.Consumer<StaleSnippet> each) {
        List<StaleSnippet> stale = transaction(false, c -> {
            List<StaleSnippet> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, origin, lVisited FROM pg_snippets"
                    + " WHERE origin IN (?, ?) AND lVisited < ?")) {
                ps.setString(1, Origin.PG_USER.name());
                ps.setString(2, Origin.TB_USER.name());
                ps.setLong(3, millis(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new StaleSnippet(rs.getString(1), Origin.valueOf(rs.getString(2)),
                                Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
            }
            return found;
        });
        stale.forEach(each);
    }

    /** The staleness is checked again in the deleting transaction: a visit in between keeps the snippet. */
    @Override
    public int deleteStaleUserSnippets(Collection<String> ids, Instant cutoff) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        int deleted = 0;
        for (List<String> chunk : chunks(unique)) {
            deleted += transaction(true, c -> {
                List<Stored> stale = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, numberOfFiles FROM pg_snippets WHERE id IN ("
                        + placeholders(chunk.size()) + ") AND origin IN (?, ?) AND lVisited < ?")) {
                    bind(ps, chunk);
                    ps.setString(chunk.size() + 1, Origin.PG_USER.name());
                    ps.setString(chunk.size() + 2, Origin.TB_USER.name());
                    ps.setLong(chunk.size() + 3, millis(cutoff));
                    collectStored(ps, stale);
                }
                return deleteWithFiles(c, stale);
            });
        }
        return deleted;
    }

    /** The mark's row and the counts in one write transaction: a mark already there means the chunk was added. */
    @Override
    public boolean addVisits(String mark, Map<String, Visits> visits, Instant now) {
        Objects.requireNonNull(mark, "mark");
        if (visits.size() > MAX_VISIT_CHUNK) {
            throw new IllegalArgumentException("at most " + MAX_VISIT_CHUNK + " snippets per visit chunk");
        }
        return transaction(true, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO pg_visit_marks (id, at) VALUES (?, ?)")) {
                ps.setString(1, mark);
                ps.setLong(2, millis(now));
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE pg_snippets SET visitCount = visitCount + ?,"
                    + " lVisited = MAX(lVisited, ?) WHERE id = ?")) {
                for (Map.Entry<String, Visits> e : visits.entrySet()) {
                    ps.setLong(1, e.getValue().count());
                    ps.setLong(2, millis(e.getValue().last()));
                    ps.setString(3, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    @Override
    public int forgetVisitMarks(Instant before) {
        return transaction(true, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pg_visit_marks WHERE at < ?")) {
                ps.setLong(1, millis(before));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Codecs codecs() {
        return codecs;
    }

    @Override
    public Optional<VersionedObject> read(String kind, String key) {
        SqliteObjects.table(kind);
        Objects.requireNonNull(key, "key");
        return transaction(false, c -> SqliteObjects.read(c, kind, key));
    }

    @Override
    public Optional<VersionedObject> write(String kind, String key,
                                           Function<Optional<VersionedObject>, Optional<VersionedObject>> change) {
        SqliteObjects.table(kind);
        Objects.requireNonNull(key, "key");
        return transaction(true, c -> {
            Optional<VersionedObject> current = SqliteObjects.read(c, kind, key);
            Optional<VersionedObject> next = change.apply(current);
            if (next.isEmpty()) {
                return current;
            }
            VersionedObject o = next.get();
            if (!o.kind().equals(kind) || !o.key().equals(key)) {
                throw new IllegalArgumentException("a write of " + kind + " must return an object of that kind and key");
            }
            // UPDATE, never REPLACE: columns that newer code added and this code does not list keep their values.
            if (current.isEmpty()) {
                SqliteObjects.insert(c, o, false);
            } else {
                SqliteObjects.update(c, o);
            }
            return next;
        });
    }

    @Override
    public boolean deleteIf(String kind, String key, Predicate<VersionedObject> stillSo) {
        SqliteObjects.table(kind);
        return transaction(true, c -> {
            Optional<VersionedObject> stored = SqliteObjects.read(c, kind, key);
            if (stored.isEmpty() || !stillSo.test(stored.get())) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + kind + " WHERE id = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<String> keysAfter(String kind, String afterKey, int limit) {
        SqliteObjects.table(kind);
        return transaction(false, c -> SqliteObjects.keysAfter(c, kind, afterKey, limit));
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

    // --- catalog (SqliteCatalog) ---

    @Override
    public long catalogVersion() {
        return transaction(false, SqliteCatalog::version);
    }

    /** One read transaction, so the version and the data come from one snapshot. */
    @Override
    public CatalogSnapshot readCatalog() {
        return transaction(false, c -> SqliteCatalog.read(c, codecs));
    }

    @Override
    public Optional<String> precompiledObject(String exampleId, PrecompiledObject.Kind kind) {
        Objects.requireNonNull(exampleId, "exampleId");
        return transaction(false, c -> SqliteCatalog.precompiledObject(c, codecs,
                new PrecompiledObject(exampleId, kind, "").key()));
    }

    @Override
    public Set<String> exampleIds(Origin origin) {
        return transaction(false, c -> SqliteCatalog.ids(c, origin));
    }

    /** A transaction per chunk of examples: each example goes whole, and the lock is not held for long. */
    @Override
    public void saveExamples(List<LoadedExample> examples) {
        for (List<LoadedExample> chunk : chunks(examples)) {
            transaction(true, c -> {
                SqliteCatalog.save(c, codecs, chunk, this::insertSnippet);
                return null;
            });
        }
    }

    @Override
    public int deleteExamples(Collection<String> ids) {
        int deleted = 0;
        for (List<String> chunk : chunks(List.copyOf(new LinkedHashSet<>(ids)))) {
            deleted += transaction(true, c -> SqliteCatalog.delete(c, chunk));
        }
        return deleted;
    }

    @Override
    public void saveSdks(List<SdkInfo> sdks) {
        transaction(true, c -> {
            SqliteCatalog.saveSdks(c, codecs, sdks);
            return null;
        });
    }

    @Override
    public void saveDatasets(List<Dataset> datasets) {
        transaction(true, c -> {
            SqliteCatalog.saveDatasets(c, codecs, datasets);
            return null;
        });
    }

    @Override
    public long bumpCatalogVersion() {
        return transaction(true, SqliteCatalog::bump);
    }

    // --- transactions and connection ---

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction under the lock. Writers start with {@code BEGIN IMMEDIATE}
     * so they take the write lock up front (waiting out other processes through the busy timeout)
     * instead of failing when a read lock would have to be upgraded mid-transaction.
     */
    private <T> T transaction(boolean write, Work<T> work) {
        lock.lock();
        try {
            Connection c = connection();
            execute(c, write ? "BEGIN IMMEDIATE" : "BEGIN");
            try {
                T result = work.run(c);
                execute(c, "COMMIT");
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Connection c, Throwable failure) {
        try {
            execute(c, "ROLLBACK");
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
            throw new StoreUnavailableException("the SQLite database directory cannot be created", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        // WAL lets readers in other processes (the maintenance tool) run beside a writer.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(busyTimeoutMillis);
        Connection c = null;
        try {
            c = config.createConnection("jdbc:sqlite:" + file);
            execute(c, "BEGIN IMMEDIATE");
            for (String ddl : SqliteSchema.DDL) {
                execute(c, ddl);
            }
            addVersionColumns(c);
            execute(c, "COMMIT");
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
            throw new StoreUnavailableException("the SQLite database cannot be opened", e);
        }
    }

    /** Files created before object versions get the objVer and extra columns. */
    private static void addVersionColumns(Connection c) throws SQLException {
        for (String table : SqliteSchema.VERSIONED_TABLES) {
            java.util.Set<String> existing = new java.util.HashSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (rs.next()) {
                    existing.add(rs.getString("name"));
                }
            }
            for (String column : SqliteSchema.VERSIONED_COLUMNS) {
                if (!existing.contains(column.substring(0, column.indexOf(' ')))) {
                    execute(c, "ALTER TABLE " + table + " ADD COLUMN " + column);
                }
            }
        }
    }

    /** Busy, locked and I/O failures pass; anything else is a fault here. Messages never carry SQL or data. */
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

    // --- rows ---

    /** Writes a new snippet and its files through the codecs, at the versions writers are pinned to. */
    void insertSnippet(Connection c, Snippet snippet) throws SQLException {
        SqliteObjects.insert(c, codecs.snippets().write(snippet.id(), snippet, codecs.writeVersion(Snippet.KIND)), false);
        // REPLACE: a file row left behind without its snippet must not block the save (Datastore put overwrites too).
        for (VersionedObject file : codecs.files().writeAll(snippet, codecs.writeVersion(Snippet.FILE_KIND))) {
            SqliteObjects.insert(c, file, true);
        }
    }

    /** A stored snippet's key and the file count its file keys derive from. */
    record Stored(String id, long numberOfFiles) {
    }

    private Optional<Snippet> read(Connection c, String id) throws SQLException {
        Optional<VersionedObject> stored = SqliteObjects.read(c, Snippet.KIND, id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(codecs.snippets().read(stored.get(), readFiles(c, id, SnippetCodec.numberOfFiles(stored.get()))));
    }

    /** Files in key order {@code _0, _1, ...}; a missing one means the snippet is damaged, not smaller. */
    private List<SnippetFile> readFiles(Connection c, String snippetId, long numberOfFiles) throws SQLException {
        List<String> keys = Snippet.fileKeys(snippetId, numberOfFiles);
        Map<String, VersionedObject> byKey = SqliteObjects.readAll(c, Snippet.FILE_KIND, keys);
        List<SnippetFile> files = new ArrayList<>(keys.size());
        for (String key : keys) {
            VersionedObject f = byKey.get(key);
            if (f == null) {
                throw new InternalException("a stored snippet is missing one of its files");
            }
            files.add(codecs.files().read(f));
        }
        return files;
    }

    /** Deletes snippets and the file keys derived from their stored numberOfFiles. @return snippets deleted */
    static int deleteWithFiles(Connection c, List<Stored> snippets) throws SQLException {
        if (snippets.isEmpty()) {
            return 0;
        }
        List<String> fileKeys = new ArrayList<>();
        List<String> ids = new ArrayList<>(snippets.size());
        for (Stored s : snippets) {
            ids.add(s.id());
            fileKeys.addAll(Snippet.fileKeys(s.id(), s.numberOfFiles()));
        }
        deleteByIds(c, "pg_files", fileKeys);
        return deleteByIds(c, "pg_snippets", ids);
    }

    /** {@code table} is always one of this class's constants, never input. */
    static int deleteByIds(Connection c, String table, List<String> ids) throws SQLException {
        int deleted = 0;
        for (List<String> chunk : chunks(ids)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + table + " WHERE id IN (" + placeholders(chunk.size()) + ")")) {
                bind(ps, chunk);
                deleted += ps.executeUpdate();
            }
        }
        return deleted;
    }

    static void collectStored(PreparedStatement ps, List<Stored> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Stored(rs.getString(1), rs.getLong(2)));
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    // --- helpers ---

    /** Floors to the millisecond, the same way {@code Instant.truncatedTo(MILLIS)} does, also before 1970. */
    static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InternalException("a stored snippet has an unknown " + type.getSimpleName(), e);
        }
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>((all.size() + CHUNK - 1) / CHUNK);
        for (int from = 0; from < all.size(); from += CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return out;
    }

    static String placeholders(int n) {
        return "?" + ", ?".repeat(n - 1);
    }

    static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }
}
