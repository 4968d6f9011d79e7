package dev.beamplayground.store;

import dev.beamplayground.domain.Snippet;
import java.util.List;

/**
 * Snippets read and written as they are stored, for copying a whole store to another backend. Not for
 * request handling: writes here skip the persistence-key rule, because they reproduce a store's state.
 */
public interface SnippetTransfer {

    /**
     * Up to {@code limit} snippets with their files whose ids follow {@code afterId} ({@code ""}: from the
     * first), in the backend's id order. Paging with the last id of one page as the next {@code afterId}
     * visits every snippet once.
     */
    List<Snippet> snippetPage(String afterId, int limit);

    /**
     * Stores the snippets exactly as given, each with its files, replacing snippets stored under the same
     * ids (and files a replaced snippet had beyond the new ones). Each snippet is written with all its
     * files or not at all; the backend batches within its limits. Writing the same snippets again changes
     * nothing.
     *
     * @return how many of the snippets were written; a backend that can tell may leave out those already
     *     stored unchanged
     */
    int putSnippets(List<Snippet> snippets);
}
