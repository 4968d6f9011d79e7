package dev.beamplayground.store.event;

/** Redis stream ids ({@code <ms>-<n>}): their order and the id right after one. */
final class StreamIds {
    private StreamIds() {
    }

    static int compare(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int c = Long.compareUnsigned(Long.parseUnsignedLong(x[0]), Long.parseUnsignedLong(y[0]));
        return c != 0 ? c : Long.compareUnsigned(Long.parseUnsignedLong(x[1]), Long.parseUnsignedLong(y[1]));
    }

    static String min(String a, String b) {
        return compare(a, b) <= 0 ? a : b;
    }

    /** The smallest id after {@code id}: {@code XTRIM MINID} of it removes {@code id} and everything before. */
    static String next(String id) {
        String[] x = id.split("-");
        return x[0] + "-" + Long.toUnsignedString(Long.parseUnsignedLong(x[1]) + 1);
    }
}
