package dev.beamplayground.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored snippet with its files (kinds {@code pg_snippets} and {@code pg_files}).
 *
 * @param id              content hash for user snippets, the example id for example code
 * @param sdk             the SDK
 * @param pipelineOptions pipeline options, trimmed
 * @param complexity      complexity
 * @param persistenceKey  Tour of Beam's key; saving under it replaces older snippets ("" = none)
 * @param origin          where it came from
 * @param ownerId         owner ("" = none; kept because the seed has it)
 * @param created         creation time
 * @param lastVisited     last time it was read ({@code lVisited})
 * @param visitCount      how often it was read
 * @param schemaVersion   schema version it was written with ({@code schVer})
 * @param files           its files, in stored order; exactly one is main
 * @param datasets        datasets the snippet uses
 */
public record Snippet(String id, Sdk sdk, String pipelineOptions, Complexity complexity,
                      String persistenceKey, Origin origin, String ownerId, Instant created,
                      Instant lastVisited, long visitCount, String schemaVersion,
                      List<SnippetFile> files, List<DatasetRef> datasets) {
    public static final String KIND = "pg_snippets";
    public static final String FILE_KIND = "pg_files";

    public Snippet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sdk, "sdk");
        Objects.requireNonNull(pipelineOptions, "pipelineOptions");
        Objects.requireNonNull(complexity, "complexity");
        Objects.requireNonNull(persistenceKey, "persistenceKey");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastVisited, "lastVisited");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        files = List.copyOf(files);
        datasets = List.copyOf(datasets);
    }

    public boolean hasPersistenceKey() {
        return !persistenceKey.isEmpty();
    }

    /** Key names of this snippet's files. */
    public List<String> fileKeys() {
        return fileKeys(id, files.size());
    }

    public static List<String> fileKeys(String snippetId, long numberOfFiles) {
        return java.util.stream.LongStream.range(0, numberOfFiles)
                .mapToObj(n -> SnippetFile.key(snippetId, (int) n)).toList();
    }

    /** The same snippet as read once more at {@code now}. */
    public Snippet visited(Instant now) {
        return new Snippet(id, sdk, pipelineOptions, complexity, persistenceKey, origin, ownerId, created,
                now, visitCount + 1, schemaVersion, files, datasets);
    }
}
