package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.CatalogItem;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.store.LoadedExample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalog role of {@link SqliteStore}: each method runs inside a transaction the store opened. */
final class SqliteCatalog {
    /** Key of the one {@code pg_catalog} row. */
    static final String CATALOG_ID = "examples";

    private SqliteCatalog() {
    }

    /** How the store writes a snippet with its files (through the versioned codecs). */
    @FunctionalInterface
    interface SnippetWriter {
        void insert(Connection c, Snippet snippet) throws SQLException;
    }

    static long version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM pg_catalog WHERE id = ?")) {
            ps.setString(1, CATALOG_ID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static long bump(Connection c) throws SQLException {
        long next = version(c) + 1;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR REPLACE INTO pg_catalog (id, version, loaded) VALUES (?, ?, ?)")) {
            ps.setString(1, CATALOG_ID);
            ps.setLong(2, next);
            ps.setLong(3, Instant.now().toEpochMilli());
            ps.executeUpdate();
        }
        return next;
    }

    /** Four statements plus one per 500 file keys, all in the caller's read transaction. */
    static CatalogSnapshot read(Connection c) throws SQLException {
        long version = version(c);
        List<Example> examples = new ArrayList<>();
        Map<String, SnippetPart> snippets = new HashMap<>();
        List<String> fileKeys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e." + ExampleRows.COLUMNS.replace(", ", ", e.")
                + ", s.pipeOpts AS s_pipeOpts, s.complexity AS s_complexity, s.numberOfFiles AS s_files,"
                + " s.datasets AS s_datasets, s.id AS s_id"
                + " FROM pg_examples e LEFT JOIN pg_snippets s ON s.id = e.id WHERE e.origin = ?")) {
            ps.setString(1, Origin.PG_EXAMPLES.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Example e = ExampleRows.read(rs);
                    examples.add(e);
                    if (rs.getString("s_id") != null) {
                        long files = rs.getLong("s_files");
                        snippets.put(e.id(), new SnippetPart(rs.getString("s_pipeOpts"),
                                SqliteStore.enumValue(Complexity.class, rs.getString("s_complexity")),
                                (int) files, DatasetsJson.decode(rs.getString("s_datasets"))));
                        fileKeys.addAll(Snippet.fileKeys(e.id(), files));
                    }
                }
            }
        }
        Map<String, Integer> mainLines = mainContextLines(c, fileKeys);
        List<CatalogItem> items = new ArrayList<>(examples.size());
        for (Example e : examples) {
            SnippetPart s = snippets.get(e.id());
            items.add(s == null
                    ? new CatalogItem(e, "", Complexity.COMPLEXITY_UNSPECIFIED, 0, 0, List.of())
                    : new CatalogItem(e, s.pipelineOptions(), s.complexity(), s.files(),
                            mainLines.getOrDefault(e.id(), 0), s.datasets()));
        }
        return new CatalogSnapshot(version, SdkRows.all(c), items, DatasetRows.all(c));
    }

    private record SnippetPart(String pipelineOptions, Complexity complexity, int files, List<DatasetRef> datasets) {
    }

    /** Snippet id to its main file's context line; the contents are not read. */
    private static Map<String, Integer> mainContextLines(Connection c, List<String> fileKeys) throws SQLException {
        Map<String, Integer> lines = new HashMap<>();
        for (List<String> chunk : SqliteStore.chunks(fileKeys)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, cntxLine FROM pg_files WHERE isMain = 1 AND id IN ("
                    + SqliteStore.placeholders(chunk.size()) + ")")) {
                SqliteStore.bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);
                        lines.put(key.substring(0, key.lastIndexOf('_')), rs.getInt(2));
                    }
                }
            }
        }
        return lines;
    }

    /** Replaces each example whole: old snippet files and outputs go first, then everything is written anew. */
    static void save(Connection c, List<LoadedExample> examples, SnippetWriter snippets) throws SQLException {
        List<String> ids = examples.stream().map(LoadedExample::id).toList();
        removeSnippetsAndOutputs(c, ids);
        List<Example> rows = new ArrayList<>(examples.size());
        for (LoadedExample e : examples) {
            snippets.insert(c, e.snippet());
            PrecompiledObjectRows.put(c, e.outputs());
            rows.add(e.example());
        }
        ExampleRows.put(c, rows);
    }

    static int delete(Connection c, List<String> ids) throws SQLException {
        removeSnippetsAndOutputs(c, ids);
        return SqliteStore.deleteByIds(c, "pg_examples", ids);
    }

    private static void removeSnippetsAndOutputs(Connection c, List<String> ids) throws SQLException {
        List<SqliteStore.Stored> old = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, numberOfFiles FROM pg_snippets WHERE id IN ("
                + SqliteStore.placeholders(ids.size()) + ")")) {
            SqliteStore.bind(ps, ids);
            SqliteStore.collectStored(ps, old);
        }
        SqliteStore.deleteWithFiles(c, old);
        SqliteStore.deleteByIds(c, "pg_pc_objects", PrecompiledObjectRows.keysOf(ids));
    }
}
