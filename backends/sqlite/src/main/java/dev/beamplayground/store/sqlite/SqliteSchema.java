package dev.beamplayground.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tables named like the Datastore kinds of Beam Playground, columns like their properties, so data
 * moves between backends without renaming. Datastore keys become the TEXT primary key {@code id};
 * key-typed properties ({@code sdk}, {@code schVer}) hold the key's name; timestamps are epoch
 * milliseconds; lists and nested entities are JSON text.
 */
final class SqliteSchema {
    static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS pg_schema_versions ("
                    + "id TEXT PRIMARY KEY NOT NULL, descr TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS pg_sdks ("
                    + "id TEXT PRIMARY KEY NOT NULL, defaultExample TEXT NOT NULL DEFAULT '')",
            // tags and cats are JSON arrays; neverRun is in the domain although the seed's table omits it.
            "CREATE TABLE IF NOT EXISTS pg_examples ("
                    + "id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, sdk TEXT NOT NULL, descr TEXT,"
                    + " tags TEXT, cats TEXT, path TEXT, type TEXT, origin TEXT, schVer TEXT,"
                    + " urlVCS TEXT, urlNotebook TEXT,"
                    + " alwaysRun INTEGER NOT NULL DEFAULT 0, neverRun INTEGER NOT NULL DEFAULT 0)",
            // datasets: JSON array of the seed's DatasetNestedEntity {dataset, emulator, config}.
            "CREATE TABLE IF NOT EXISTS pg_snippets ("
                    + "id TEXT PRIMARY KEY NOT NULL, ownerId TEXT NOT NULL DEFAULT '', sdk TEXT NOT NULL,"
                    + " pipeOpts TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL, lVisited INTEGER NOT NULL,"
                    + " origin TEXT NOT NULL, visitCount INTEGER NOT NULL DEFAULT 0, schVer TEXT NOT NULL,"
                    + " numberOfFiles INTEGER NOT NULL, complexity TEXT NOT NULL,"
                    + " persistenceKey TEXT NOT NULL DEFAULT '', datasets TEXT NOT NULL DEFAULT '[]')",
            "CREATE INDEX IF NOT EXISTS pg_snippets_persistenceKey ON pg_snippets (persistenceKey)",
            "CREATE TABLE IF NOT EXISTS pg_datasets ("
                    + "id TEXT PRIMARY KEY NOT NULL, path TEXT NOT NULL)",
            // id is <snippetId>_<n>; the owning snippet's numberOfFiles derives the keys, as in Datastore.
            "CREATE TABLE IF NOT EXISTS pg_files ("
                    + "id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, content TEXT NOT NULL,"
                    + " cntxLine INTEGER NOT NULL DEFAULT 0, isMain INTEGER NOT NULL DEFAULT 0)",
            "CREATE TABLE IF NOT EXISTS pg_pc_objects ("
                    + "id TEXT PRIMARY KEY NOT NULL, content TEXT NOT NULL)",
            // Where an online migration stands (see MigrationProgress).
            "CREATE TABLE IF NOT EXISTS pg_migration_progress ("
                    + "id TEXT PRIMARY KEY NOT NULL, cursor TEXT NOT NULL DEFAULT '', found INTEGER NOT NULL DEFAULT 0,"
                    + " done INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0)",
            // The maintenance function's query: user snippets by last visit.
            "CREATE INDEX IF NOT EXISTS pg_snippets_origin_lVisited ON pg_snippets (origin, lVisited)",
            // Not in Beam's schema: the catalog version the example loader bumps after each load.
            "CREATE TABLE IF NOT EXISTS pg_catalog ("
                    + "id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, loaded INTEGER NOT NULL)",
            "CREATE INDEX IF NOT EXISTS pg_examples_origin ON pg_examples (origin)",
            // Not in Beam's schema: the chunks of buffered visits already added (see VisitLedger).
            "CREATE TABLE IF NOT EXISTS pg_visit_marks (id TEXT PRIMARY KEY NOT NULL, at INTEGER NOT NULL)",
            // The instance registry (see InstanceCodec); the version lists stay in extra.
            "CREATE TABLE IF NOT EXISTS pg_instances ("
                    + "id TEXT PRIMARY KEY NOT NULL, release TEXT NOT NULL DEFAULT '', started INTEGER NOT NULL DEFAULT 0,"
                    + " beat INTEGER NOT NULL DEFAULT 0)");

    /**
     * Every table also has {@code objVer} (the object version; NULL = 1.0, written before versions were
     * stored) and {@code extra} (the serialized properties no column holds). Added to files created
     * before them; SQLite adds a column without rewriting the table.
     */
    static final List<String> VERSIONED_TABLES = List.of("pg_schema_versions", "pg_sdks", "pg_examples",
            "pg_snippets", "pg_datasets", "pg_files", "pg_pc_objects", "pg_migration_progress", "pg_catalog", "pg_instances");
    static final List<String> VERSIONED_COLUMNS = List.of("objVer TEXT", "extra BLOB");

    private SqliteSchema() {
    }

    /** Creates what is missing, in the caller's transaction; files created before object versions get their columns. */
    static void apply(Connection c) throws SQLException {
        for (String ddl : DDL) {
            SqliteSql.execute(c, ddl);
        }
        for (String table : VERSIONED_TABLES) {
            Set<String> existing = new HashSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (rs.next()) {
                    existing.add(rs.getString("name"));
                }
            }
            for (String column : VERSIONED_COLUMNS) {
                if (!existing.contains(column.substring(0, column.indexOf(' ')))) {
                    SqliteSql.execute(c, "ALTER TABLE " + table + " ADD COLUMN " + column);
                }
            }
        }
    }
}
