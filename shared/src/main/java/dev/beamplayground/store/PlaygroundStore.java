package dev.beamplayground.store;

import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.Snippet;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The persistence port: the role interfaces of the backend combined into what one backend provides.
 * Later roles join here.
 */
public interface PlaygroundStore extends SnippetStore, SnippetTransfer, CatalogStore, VersionedStore, AutoCloseable {

    /**
     * Calls {@code each} for every user snippet (origin PG_USER or TB_USER) last visited before {@code cutoff}, in
     * no particular order: what a cleanup would remove, for its dry run. This generic form pages through every
     * snippet ({@link #snippetPage}); backends with an index on (origin, lVisited) query that instead.
     */
    default void forEachStaleUserSnippet(Instant cutoff, Consumer<StaleSnippet> each) {
        String after = "";
        for (List<Snippet> page = snippetPage(after, PAGE); !page.isEmpty(); page = snippetPage(after, PAGE)) {
            for (Snippet s : page) {
                if ((s.origin() == Origin.PG_USER || s.origin() == Origin.TB_USER) && s.lastVisited().isBefore(cutoff)) {
                    each.accept(new StaleSnippet(s.id(), s.origin(), s.lastVisited()));
                }
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** Snippets per page of the generic {@link #forEachStaleUserSnippet}. */
    int PAGE = 200;

    /** A user snippet that a cleanup would remove. */
    record StaleSnippet(String id, Origin origin, Instant lastVisited) {
    }

    /**
     * Makes what the first request would otherwise wait for (a cloud client, say), without touching the network.
     * Called once on a background thread while a function instance starts; a failure here is the first request's
     * to report. Backends with nothing to prepare keep this no-op.
     */
    default void warmUp() {
    }

    /** Releases connections and clients; the store is unusable afterwards. */
    @Override
    void close();
}
