package dev.beamplayground.store;

import dev.beamplayground.domain.Snippet;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Snippets with their files. Every method is atomic: a snippet is stored with all its files or not
 * at all, and is deleted with all its files. Implementations batch internally to stay inside their
 * store's limits; they never fail because a call is large.
 */
public interface SnippetStore {

    /**
     * Stores a snippet and its files in one transaction. When the snippet has a persistence key, the
     * other snippets carrying that key are deleted with their files in the same transaction.
     *
     * @return false when a snippet with this id already existed; then nothing of it is written
     *     (its content is the same, since the id is a hash of the content)
     */
    boolean saveSnippet(Snippet snippet);

    /** Reads a snippet with its files, without counting a visit. */
    Optional<Snippet> findSnippet(String id);

    /** Reads a snippet with its files and counts the visit ({@code visitCount + 1}, {@code lVisited = now}). */
    Optional<Snippet> visitSnippet(String id, Instant now);

    /** Ids of the snippets stored under a persistence key. */
    List<String> snippetIdsByPersistenceKey(String persistenceKey);

    /** Deletes snippets with their files; unknown ids are skipped. @return how many snippets were deleted */
    int deleteSnippets(Collection<String> ids);

    /** How many snippets are stored. */
    long countSnippets();

    /** How many snippet files are stored. */
    long countFiles();

    /**
     * Up to {@code limit} ids of user snippets (origin PG_USER or TB_USER) last visited before
     * {@code cutoff}, least recently visited first.
     */
    List<String> staleUserSnippetIds(Instant cutoff, int limit);

    /**
     * Deletes those of {@code ids} that are still user snippets last visited before {@code cutoff}, each
     * with its files in the same transaction; a snippet visited meanwhile is kept.
     *
     * @return how many snippets were deleted
     */
    int deleteStaleUserSnippets(Collection<String> ids, Instant cutoff);
}
