package dev.beamplayground.store.sqlite;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snippet and its file rows, inside a transaction the caller runs: read, written and deleted together.
 * Written through the codecs at the versions writers are pinned to; file keys derive from the snippet's
 * stored {@code numberOfFiles}, as in Datastore.
 */
final class SqliteSnippetRows {
    private final Codecs codecs;

    SqliteSnippetRows(Codecs codecs) {
        this.codecs = codecs;
    }

    /** A stored snippet's key and the file count its file keys derive from. */
    record Stored(String id, long numberOfFiles) {
    }

    /** Encodes a snippet and its files at the pinned versions, for {@link #insert(Connection, Encoded)}. */
    Encoded encode(Snippet snippet) {
        return new Encoded(codecs.snippets().write(snippet.id(), snippet, codecs.writeVersion(Snippet.KIND)),
                codecs.files().writeAll(snippet, codecs.writeVersion(Snippet.FILE_KIND)));
    }

    record Encoded(VersionedObject snippet, List<VersionedObject> files) {
    }

    /** Writes a new snippet and its files through the codecs, at the versions writers are pinned to. */
    void insert(Connection c, Snippet snippet) throws SQLException {
        insert(c, encode(snippet));
    }

    static void insert(Connection c, Encoded encoded) throws SQLException {
        SqliteObjects.insert(c, encoded.snippet(), false);
        // REPLACE: a file row left behind without its snippet must not block the save (Datastore put overwrites too).
        for (VersionedObject file : encoded.files()) {
            SqliteObjects.insert(c, file, true);
        }
    }

    Optional<Snippet> read(Connection c, String id) throws SQLException {
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

    /** Deletes the snippets of these ids (at most {@link SqliteSql#CHUNK}) with their files. @return snippets deleted */
    static int deleteWithFiles(Connection c, List<String> ids) throws SQLException {
        List<Stored> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, numberOfFiles FROM pg_snippets WHERE id IN (" + SqliteSql.placeholders(ids.size()) + ")")) {
            SqliteSql.bind(ps, ids);
            collectStored(ps, found);
        }
        return deleteStored(c, found);
    }

    /** Deletes snippets and the file keys derived from their stored numberOfFiles. @return snippets deleted */
    static int deleteStored(Connection c, List<Stored> snippets) throws SQLException {
        if (snippets.isEmpty()) {
            return 0;
        }
        List<String> fileKeys = new ArrayList<>();
        List<String> ids = new ArrayList<>(snippets.size());
        for (Stored s : snippets) {
            ids.add(s.id());
            fileKeys.addAll(Snippet.fileKeys(s.id(), s.numberOfFiles()));
        }
        SqliteSql.deleteByIds(c, "pg_files", fileKeys);
        return SqliteSql.deleteByIds(c, "pg_snippets", ids);
    }

    static void collectStored(PreparedStatement ps, List<Stored> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new Stored(rs.getString(1), rs.getLong(2)));
            }
        }
    }
}
