package dev.beamplayground.pipeline;

/**
 * What an append did.
 *
 * @param length       the output's stored length in bytes after it (with a truncation marker, when cut)
 * @param droppedBytes bytes appended to this output but not stored, since it was cut (0 while it is whole)
 */
public record Appended(long length, long droppedBytes) {
    /** Whether the output was cut at a limit of {@link OutputLimits}: it ends with the marker line. */
    public boolean truncated() {
        return droppedBytes > 0;
    }
}
