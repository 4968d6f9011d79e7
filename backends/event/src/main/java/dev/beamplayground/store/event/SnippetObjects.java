package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A snippet from its stored objects, and the objects a snippet is stored as. */
final class SnippetObjects {
    private final Codecs codecs;

    SnippetObjects(Codecs codecs) {
        this.codecs = codecs;
    }

    static List<String> fileKeys(VersionedObject snippet) {
        return Snippet.fileKeys(snippet.key(), SnippetCodec.numberOfFiles(snippet));
    }

    /**
     * The snippet with its files taken from {@code files} (by key); writes store a snippet with all its
     * files, so one missing means the objects were read across a write (or are damaged).
     */
    Snippet snippet(VersionedObject stored, Map<String, VersionedObject> files) {
        List<SnippetFile> read = new ArrayList<>();
        for (String key : fileKeys(stored)) {
            VersionedObject file = files.get(key);
            if (file == null) {
                throw new View.TornRead("a stored snippet is missing one of its files");
            }
            read.add(codecs.files().read(file));
        }
        return codecs.snippets().read(stored, read);
    }

    /** The snippet with its files in order, as the snippet read script returns them. */
    Snippet snippet(View.SnippetRead read) {
        long count = SnippetCodec.numberOfFiles(read.snippet());
        if (read.files().size() < count) {
            throw new dev.beamplayground.domain.error.InternalException("a stored snippet is missing one of its files");
        }
        List<SnippetFile> files = new ArrayList<>();
        for (VersionedObject file : read.files().subList(0, (int) count)) {
            files.add(codecs.files().read(file));
        }
        return codecs.snippets().read(read.snippet(), files);
    }

    VersionedObject snippetObject(Snippet s) {
        return codecs.snippets().write(s.id(), s, codecs.writeVersion(Snippet.KIND));
    }

    List<VersionedObject> fileObjects(Snippet s) {
        return codecs.files().writeAll(s, codecs.writeVersion(Snippet.FILE_KIND));
    }

    /** Tombstones of a stored snippet and its files. */
    static void deleteWithFiles(VersionedObject stored, List<Event> events) {
        for (String key : fileKeys(stored)) {
            events.add(Event.tombstone(Snippet.FILE_KIND, key));
        }
        events.add(Event.tombstone(Snippet.KIND, stored.key()));
    }
}
