package dev.beamplayground.versioning;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.migration.OnlineMigration;
import dev.beamplayground.store.VersionedStore;
import java.util.Optional;

/**
 * Schema version 0.0.3 of the test release N+1: every snippet at pg_snippets 1.2 ({@link TaggedSnippetCodec},
 * tags empty where absent). Its target makes it wait for older instances; once they are gone it writes 1.2.
 */
public final class TagsBackfill extends OnlineMigration {
    private final TaggedSnippetCodec codec;

    public TagsBackfill(TaggedSnippetCodec codec) {
        this.codec = codec;
    }

    @Override
    public String version() {
        return "0.0.3";
    }

    @Override
    public String description() {
        return "pg_snippets 1.2: tags";
    }

    @Override
    protected String kind() {
        return Snippet.KIND;
    }

    @Override
    protected Optional<ObjectVersion> target() {
        return Optional.of(TaggedSnippetCodec.VERSION);
    }

    /** Run only when nothing live writes below 1.2 (or without a gate), so the object is written at 1.2. */
    @Override
    protected Optional<VersionedObject> change(VersionedObject stored, VersionedStore store) {
        return codec.needsUpgrade(stored) ? Optional.of(codec.upgrade(stored)) : Optional.empty();
    }
}
