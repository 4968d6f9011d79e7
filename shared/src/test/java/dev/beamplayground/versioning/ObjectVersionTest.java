package dev.beamplayground.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObjectVersionTest {

    @Test
    void versionsAreEqualByMajorAndMinor() {
        assertEquals(ObjectVersion.of(1, 2), ObjectVersion.parse(" 1.2 "));
        assertEquals(ObjectVersion.of(1, 2).hashCode(), ObjectVersion.parse("1.2").hashCode());
        assertNotEquals(ObjectVersion.of(1, 2), ObjectVersion.of(2, 1));
        assertNotEquals(ObjectVersion.of(1, 2), ObjectVersion.of(1, 3));
        assertNotEquals(ObjectVersion.of(1, 2), "1.2");
        Set<ObjectVersion> all = new HashSet<>();
        for (int major = 1; major <= 40; major++) {
            for (int minor = 0; minor <= 40; minor++) {
                all.add(ObjectVersion.of(major, minor));
                all.add(ObjectVersion.parse(major + "." + minor));
            }
        }
        assertEquals(40 * 41, all.size());
    }

    @Test
    void versionsOrderByMajorThenMinor() {
        assertTrue(ObjectVersion.of(1, 9).isBefore(ObjectVersion.of(2, 0)));
        assertTrue(ObjectVersion.of(2, 1).isAfter(ObjectVersion.of(2, 0)));
        assertEquals("3.14", ObjectVersion.of(3, 14).toString());
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"1", "1.2.3", "a.b", "0.1", "1.-1", "", "12345.0"}) {
            assertThrows(IllegalArgumentException.class, () -> ObjectVersion.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ObjectVersion.parse(null));
    }
}
