package dev.beamplayground.migration;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.VersionedStore;
import dev.beamplayground.versioning.ObjectCodec;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.util.Optional;

/**
 * 0.0.2: stored snippets become {@code pg_snippets} 1.1. Snippets saved by older Beam Playground
 * versions have no {@code complexity} property; readers default it, but a Datastore filter on it does
 * not match them. This writes the default ({@code COMPLEXITY_UNSPECIFIED}) into them and stamps the
 * object version, online (see {@link OnlineMigration}). While {@code pg_snippets} is pinned to 1.0 it
 * still writes the property, stamped 1.0, which 1.0 readers accept.
 */
public final class SnippetComplexityDefault extends OnlineMigration {
    public static final String VERSION = "0.0.2";

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public String description() {
        return "pg_snippets 1.1: complexity stored on every snippet, COMPLEXITY_UNSPECIFIED where it was absent";
    }

    @Override
    protected String kind() {
        return Snippet.KIND;
    }

    /** After it, no release that writes pg_snippets below 1.1 writes snippets. */
    @Override
    protected Optional<ObjectVersion> target() {
        return Optional.of(SnippetCodec.VERSION);
    }

    @Override
    protected Optional<VersionedObject> change(VersionedObject stored, VersionedStore store) {
        if (!stored.version().isBefore(SnippetCodec.VERSION)) {
            return Optional.empty(); // at 1.1 or later already: what comes after is a later migration's work
        }
        // The kind's codec of the running code: a later code version upgrades straight to its own version.
        return upgradeInPlace(store.codecs().forKind(Snippet.KIND).orElseThrow(), stored, store);
    }

    /**
     * The stored object upgraded to the codec's version and written back at the pinned version; empty
     * when that is what is stored already (a second run changes nothing).
     */
    static Optional<VersionedObject> upgradeInPlace(ObjectCodec<?> codec, VersionedObject stored, VersionedStore store) {
        if (!codec.needsUpgrade(stored)) {
            return Optional.empty();
        }
        VersionedObject next = codec.downgrade(codec.upgrade(stored), store.codecs().writeVersion(codec.kind()));
        return next.equals(stored) ? Optional.empty() : Optional.of(next);
    }
}
