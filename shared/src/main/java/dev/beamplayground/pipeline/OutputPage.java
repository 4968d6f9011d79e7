package dev.beamplayground.pipeline;

/**
 * A piece of an output and where the next read starts.
 *
 * @param text       the bytes from the offset on, ending on a whole UTF-8 character
 * @param nextOffset the byte offset to read from next time
 * @param length     the output's whole length in bytes when it was read
 */
public record OutputPage(String text, long nextOffset, long length) {
    /** More bytes were there than one page carries. */
    public boolean truncated() {
        return nextOffset < length;
    }
}
