package dev.beamplayground.snippet;

/** UTF-8 sizes without encoding, so a size check does not copy a megabyte first. */
public final class Utf8 {
    private Utf8() {
    }

    /** UTF-8 length of {@code s}; an unpaired surrogate counts as the 3 bytes of its replacement. */
    public static long length(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
