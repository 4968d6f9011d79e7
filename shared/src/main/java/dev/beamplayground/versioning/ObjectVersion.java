package dev.beamplayground.versioning;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of one persisted object's schema, {@code major.minor} as in oslo.versionedobjects. A minor
 * bump only adds properties (with a default) or tightens how one is written, so a reader of an older
 * minor can still read the object by ignoring what it does not know; a major bump is incompatible.
 */
public record ObjectVersion(int major, int minor) implements Comparable<ObjectVersion> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");
    /** What an entity without a stored version is: everything written before versions were stored. */
    public static final ObjectVersion INITIAL = new ObjectVersion(1, 0);

    public ObjectVersion {
        if (major < 1 || minor < 0) {
            throw new IllegalArgumentException("object versions start at 1.0");
        }
    }

    /** Parses {@code "1.2"}. @throws IllegalArgumentException for anything else */
    public static ObjectVersion parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("an object version looks like 1.2");
        }
        return new ObjectVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static ObjectVersion of(int major, int minor) {
        return new ObjectVersion(major, minor);
    }

    @Override
    public int compareTo(ObjectVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    public boolean isBefore(ObjectVersion o) {
        return compareTo(o) < 0;
    }

    public boolean isAfter(ObjectVersion o) {
        return compareTo(o) > 0;
    }

    // equals and hashCode written out: a record's generated ones bootstrap method handles at their first call,
    // which every store function's start makes (about 40 classes spun at run time).
    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectVersion v && v.major == major && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return 31 * major + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
