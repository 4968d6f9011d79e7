package dev.beamplayground.logging;

/**
 * The one policy for text from outside (requests, messages, configuration, exceptions of clients) that reaches a
 * log line or an error message: printable ASCII only, every other character a {@code ?}, cut to a bound. No line
 * break, escape sequence or look-alike character can then forge or hide a log line, whatever the log format.
 */
public final class Printable {
    /** Cut when no bound is given: enough for any key, id or one-line message. */
    public static final int DEFAULT_MAX = 200;

    private Printable() {
    }

    /** {@code value} on one printable line of at most {@link #DEFAULT_MAX} characters (and "..."); null as "null". */
    public static String of(String value) {
        return of(value, DEFAULT_MAX);
    }

    /** {@code value} on one printable line of at most {@code max} characters (and "..."); null as "null". */
    public static String of(String value, int max) {
        if (value == null) {
            return "null";
        }
        String cut = value.length() > max ? value.substring(0, max) : value;
        StringBuilder out = new StringBuilder(cut.length() + 3);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c >= 0x20 && c <= 0x7E ? c : '?');
        }
        return value.length() > max ? out.append("...").toString() : out.toString();
    }
}
