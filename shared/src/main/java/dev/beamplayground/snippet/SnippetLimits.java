package dev.beamplayground.snippet;

/**
 * Size bounds of a saved snippet. Every bound is checked before anything is stored.
 *
 * @param maxFileBytes            one file's content, in UTF-8 bytes (Beam: 1,000,000)
 * @param maxFiles                files in one snippet
 * @param maxTotalBytes           all files' content together, in UTF-8 bytes; keeps a snippet inside
 *                                one Datastore commit (10 MiB)
 * @param maxFileNameChars        one file name
 * @param maxPipelineOptionsBytes the pipeline options
 * @param maxPersistenceKeyBytes  the persistence key; it is an indexed property (Datastore: 1500 bytes)
 */
public record SnippetLimits(int maxFileBytes, int maxFiles, int maxTotalBytes, int maxFileNameChars,
                            int maxPipelineOptionsBytes, int maxPersistenceKeyBytes) {
    public static final int DEFAULT_MAX_FILE_BYTES = 1_000_000;
    public static final int DEFAULT_MAX_FILES = 32;
    public static final int DEFAULT_MAX_TOTAL_BYTES = 4_000_000;
    public static final int DEFAULT_MAX_FILE_NAME_CHARS = 256;
    public static final int DEFAULT_MAX_PIPELINE_OPTIONS_BYTES = 10_000;
    public static final int DEFAULT_MAX_PERSISTENCE_KEY_BYTES = 1_024;

    public static SnippetLimits defaults() {
        return new SnippetLimits(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, DEFAULT_MAX_TOTAL_BYTES,
                DEFAULT_MAX_FILE_NAME_CHARS, DEFAULT_MAX_PIPELINE_OPTIONS_BYTES, DEFAULT_MAX_PERSISTENCE_KEY_BYTES);
    }

    public SnippetLimits {
        if (maxFileBytes < 1 || maxFiles < 1 || maxTotalBytes < maxFileBytes || maxFileNameChars < 1
                || maxPipelineOptionsBytes < 0 || maxPersistenceKeyBytes < 0 || maxPersistenceKeyBytes > 1_500) {
            throw new IllegalArgumentException("inconsistent snippet limits: " + this);
        }
    }
}
