package dev.beamplayground.domain;

import java.util.Objects;

/**
 * One source file of a snippet (kind {@code pg_files}, key {@code <snippetId>_<n>}).
 *
 * @param name        file name shown by the frontend
 * @param content     the source text
 * @param main        whether this is the file the runner starts from
 * @param contextLine line the editor focuses first (1-based, 0 = none)
 */
public record SnippetFile(String name, String content, boolean main, int contextLine) {
    public SnippetFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /** Key name of the n-th file of a snippet. */
    public static String key(String snippetId, int ordinal) {
        return snippetId + "_" + ordinal;
    }
}
