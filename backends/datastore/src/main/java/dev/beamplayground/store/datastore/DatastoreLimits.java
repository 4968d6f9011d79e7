package dev.beamplayground.store.datastore;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.snippet.Utf8;
import java.util.regex.Pattern;

/** What Datastore would refuse, checked before anything is read or written. */
final class DatastoreLimits {
    /** Datastore rejects indexed strings (and key names) longer than this many UTF-8 bytes. */
    static final int MAX_INDEXED_BYTES = 1500;
    /** One snippet with all its files has to fit in one commit. */
    static final int MAX_FILES = Transactions.MAX_MUTATIONS - 1;
    private static final Pattern RESERVED_NAME = Pattern.compile("^__.*__$");

    private DatastoreLimits() {
    }

    /** Rejects what Datastore would refuse, before anything is written. */
    static void checkStorable(Snippet snippet) {
        if (!isKeyName(snippet.id())) {
            throw new InvalidArgumentException("snippet id is not a valid Datastore key name");
        }
        if (snippet.files().size() > MAX_FILES) {
            throw new InvalidArgumentException("a snippet has at most " + MAX_FILES + " files");
        }
        if (Utf8.length(snippet.persistenceKey()) > MAX_INDEXED_BYTES
                || Utf8.length(snippet.ownerId()) > MAX_INDEXED_BYTES) {
            throw new InvalidArgumentException("persistence key or owner id is longer than "
                    + MAX_INDEXED_BYTES + " bytes");
        }
        for (SnippetFile f : snippet.files()) {
            if (Utf8.length(f.name()) > MAX_INDEXED_BYTES) {
                throw new InvalidArgumentException("a file name is longer than " + MAX_INDEXED_BYTES + " bytes");
            }
        }
    }

    /** Whether Datastore accepts the string as a key name (non-empty, at most 1500 bytes, not {@code __x__}). */
    static boolean isKeyName(String id) {
        return id != null && !id.isEmpty() && Utf8.length(id) <= MAX_INDEXED_BYTES && !RESERVED_NAME.matcher(id).matches();
    }

    /** Whether the string can be an indexed value that a query matches (non-empty, at most 1500 bytes). */
    static boolean isIndexable(String value) {
        return !value.isEmpty() && Utf8.length(value) <= MAX_INDEXED_BYTES;
    }
}
