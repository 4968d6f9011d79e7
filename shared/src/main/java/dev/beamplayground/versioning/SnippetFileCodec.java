package dev.beamplayground.versioning;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import java.util.List;

/** {@code pg_files}: one file of a snippet, key {@code <snippetId>_<n>}. */
public final class SnippetFileCodec extends ObjectCodec<SnippetFile> {
    // 1.0: Beam Playground's pg_files
    public static final ObjectVersion VERSION = ObjectVersion.of(1, 0);

    public static final String CONTENT = "content";
    public static final String CNTX_LINE = "cntxLine";
    public static final String IS_MAIN = "isMain";
    public static final String NAME = "name";

    private static final List<Field> FIELDS = List.of(
            // Up to 1,000,000 bytes: only unindexed strings may exceed 1500 bytes.
            Field.text(CONTENT).unindexed(),
            Field.integer(CNTX_LINE),
            Field.bool(IS_MAIN),
            Field.text(NAME));

    public SnippetFileCodec() {
        super(Snippet.FILE_KIND, VERSION, null, FIELDS);
    }

    /** The file objects of a snippet, keys derived from its id and the files' order. */
    public List<VersionedObject> writeAll(Snippet snippet, ObjectVersion target) {
        return java.util.stream.IntStream.range(0, snippet.files().size())
                .mapToObj(n -> write(SnippetFile.key(snippet.id(), n), snippet.files().get(n), target))
                .toList();
    }

    @Override
    protected PropertyBag encode(SnippetFile f) {
        return PropertyBag.builder()
                .text(CONTENT, f.content())
                .integer(CNTX_LINE, f.contextLine())
                .bool(IS_MAIN, f.main())
                .text(NAME, f.name())
                .build();
    }

    @Override
    protected SnippetFile decode(String key, PropertyBag p) {
        return new SnippetFile(p.text(NAME, ""), p.text(CONTENT, ""), p.bool(IS_MAIN, false),
                Math.toIntExact(p.integer(CNTX_LINE, 0)));
    }
}
