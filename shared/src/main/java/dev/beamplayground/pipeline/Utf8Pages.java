package dev.beamplayground.pipeline;

import java.nio.charset.StandardCharsets;

/**
 * Pages of UTF-8 bytes on character boundaries, as the Redis scripts cut them: a start inside a
 * character moves to the next one; a page cut short ends before an incomplete character.
 */
public final class Utf8Pages {
    private Utf8Pages() {
    }

    /** Reads {@code data[0..length)} from {@code from}; the caller has checked {@code from <= length}. */
    public static OutputPage page(byte[] data, int length, int from, int max) {
        int to = (int) Math.min((long) from + max, length); // exclusive
        int a = from;
        while (a < to && a < from + 3 && isContinuation(data[a])) {
            a++;
        }
        int b = to;
        if (to < length) {
            for (int i = to - 1; i >= a && i >= to - 4; i--) {
                int c = data[i] & 0xff;
                if (c < 0x80) {
                    break;
                }
                if (c >= 0xc0) {
                    int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                    if (to - i < need) {
                        b = i;
                    }
                    break;
                }
            }
        }
        return new OutputPage(new String(data, a, Math.max(0, b - a), StandardCharsets.UTF_8), b, length);
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xc0) == 0x80;
    }
}
