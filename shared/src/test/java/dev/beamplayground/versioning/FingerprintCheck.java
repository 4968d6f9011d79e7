package dev.beamplayground.versioning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Compares codecs' fingerprints with a committed table and says what to do about each difference. */
final class FingerprintCheck {
    private FingerprintCheck() {
    }

    /** One message per difference; empty when the table matches. */
    static List<String> problems(Map<String, String> committed, Collection<ObjectCodec<?>> codecs) {
        List<String> problems = new ArrayList<>();
        for (ObjectCodec<?> codec : codecs) {
            String expected = committed.get(codec.kind());
            String actual = codec.fingerprint();
            if (expected == null) {
                problems.add(codec.kind() + " has no committed fingerprint: add \"" + codec.kind() + "\", \""
                        + actual + "\" to ObjectFingerprintTest.COMMITTED.");
                continue;
            }
            if (expected.equals(actual)) {
                continue;
            }
            String expectedVersion = expected.substring(0, expected.indexOf('-'));
            if (expectedVersion.equals(codec.version().toString())) {
                problems.add("The fields of " + codec.kind() + " changed but its version is still " + codec.version()
                        + " (fingerprint " + expected + " -> " + actual + "). Objects of one version must have one"
                        + " shape, or readers and writers of that version disagree during a rolling upgrade. Bump "
                        + codec.getClass().getSimpleName() + ".VERSION (minor for an added field with a default or a"
                        + " stricter write, major for a removed, renamed or retyped one), add a history comment,"
                        + " implement upgradeFromPrevious and makeCompatible for the old version, add a migration"
                        + " if stored objects must change, then set the new fingerprint of " + codec.kind()
                        + " in ObjectFingerprintTest.COMMITTED. Change a committed hash only together with a"
                        + " version bump.");
            } else {
                problems.add(codec.kind() + " is now at " + codec.version() + " (fingerprint " + actual
                        + ") but the table says " + expected + ": after checking upgradeFromPrevious and"
                        + " makeCompatible, set \"" + actual + "\" for " + codec.kind()
                        + " in ObjectFingerprintTest.COMMITTED.");
            }
        }
        return problems;
    }
}
