package dev.beamplayground.snippet;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.NotFoundException;
import dev.beamplayground.store.SnippetStore;
import dev.beamplayground.visit.VisitBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

/** Saving and reading shared snippets: the rules between the wire and the store. */
public final class SnippetService {
    /** Snippet ids are base64url hashes or example ids ({@code SDK_JAVA_MinimalWordCount}). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private final SnippetStore store;
    private final SnippetValidator validator;
    private final SnippetIdGenerator ids;
    private final Clock clock;
    /** Null: each visit is committed to the store by {@link SnippetStore#visitSnippet}. */
    private final VisitBuffer visits;

    /** Visits counted in the store, one transaction per read. */
    public SnippetService(SnippetStore store, SnippetValidator validator, SnippetIdGenerator ids, Clock clock) {
        this(store, validator, ids, clock, null);
    }

    /** @param visits where visits are counted (folded into the store by maintenance); null: in the store */
    public SnippetService(SnippetStore store, SnippetValidator validator, SnippetIdGenerator ids, Clock clock,
                          VisitBuffer visits) {
        this.store = store;
        this.validator = validator;
        this.ids = ids;
        this.clock = clock;
        this.visits = visits;
    }

    /** Validates and stores a snippet; @return its id, the same for the same content. */
    public String save(SaveSnippetCommand command) {
        List<SnippetFile> files = validator.validate(command);
        Complexity complexity = command.complexity() == null ? Complexity.COMPLEXITY_UNSPECIFIED : command.complexity();
        String pipelineOptions = command.pipelineOptions().strip();
        String id = ids.idOf(command.files(), command.sdk(), pipelineOptions, complexity, command.persistenceKey());
        // Stores keep milliseconds; truncating here makes what is returned equal what is read back.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Origin origin = command.persistenceKey().isEmpty() ? Origin.PG_USER : Origin.TB_USER;
        store.saveSnippet(new Snippet(id, command.sdk(), pipelineOptions, complexity, command.persistenceKey(),
                origin, "", now, now, 0, SchemaVersion.CURRENT, files, List.of()));
        return id;
    }

    /**
     * Reads a snippet and counts the visit: in the visit buffer when there is one (a plain read of the store,
     * no write, so a hot snippet does not contend on its entity), else in the store's transaction. A visit the
     * buffer cannot take (Redis down) is logged by the buffer, and the snippet is still answered.
     */
    public Snippet open(String id) {
        requireValidId(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (visits == null) {
            return store.visitSnippet(id, now).orElseThrow(() -> notFound(id));
        }
        Snippet snippet = store.findSnippet(id).orElseThrow(() -> notFound(id));
        visits.record(id, now);
        return snippet;
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("snippet " + id + " does not exist");
    }

    /** Rejects ids that cannot be snippet ids before they reach a store key or a log line. */
    public static void requireValidId(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidArgumentException("id is required");
        }
        if (!ID.matcher(id).matches()) {
            throw new InvalidArgumentException("id must be 1 to 256 characters of A-Z, a-z, 0-9, '-' and '_'");
        }
    }
}
