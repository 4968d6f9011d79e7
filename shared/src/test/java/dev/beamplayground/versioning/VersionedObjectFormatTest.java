package dev.beamplayground.versioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamplayground.testing.Golden;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionedObjectFormatTest {
    private static VersionedObject everyType() {
        Map<String, PropertyValue> p = new LinkedHashMap<>();
        p.put("z-text", new PropertyValue.Text("ü ✓ 𝄞"));
        p.put("int", new PropertyValue.Int(Long.MIN_VALUE));
        p.put("real", new PropertyValue.Real(-0.5));
        p.put("bool", new PropertyValue.Bool(true));
        p.put("time", new PropertyValue.Time(Instant.parse("1969-12-31T23:59:59.123456789Z")));
        p.put("bytes", new PropertyValue.Bytes(new byte[] {0, -1, 7}));
        p.put("ref", new PropertyValue.Ref("pg_sdks", "SDK_GO"));
        p.put("null", PropertyValue.Null.INSTANCE);
        p.put("list", new PropertyValue.Items(List.of(new PropertyValue.Int(1), new PropertyValue.Text("a"))));
        p.put("nested", new PropertyValue.Items(List.of(new PropertyValue.Nested(PropertyBag.of(Map.of(
                "config", new PropertyValue.Text("{}"), "dataset", new PropertyValue.Ref("pg_datasets", "d")))))));
        return new VersionedObject("pg_snippets", "abc_-", ObjectVersion.of(1, 2), PropertyBag.of(p));
    }

    @Test
    void everyTypeRoundTrips() {
        VersionedObject o = everyType();
        assertEquals(o, VersionedObjectFormat.fromBytes(VersionedObjectFormat.toBytes(o)));
        assertEquals(o.properties(), VersionedObjectFormat.bagFromBytes(VersionedObjectFormat.bagToBytes(o.properties())));
    }

    /**
     * Format 1 as released: today's code writes exactly the committed bytes and reads them back to the same object.
     * Stored data (event log instances, SQLite {@code extra}) is in this form, so a change to it needs a new format
     * version that still reads these bytes.
     */
    @Test
    void format1IsTheCommittedBytes() {
        VersionedObject o = everyType();
        Golden.assertText("versioned-object-format-1.hex", Golden.hex(VersionedObjectFormat.toBytes(o)));
        assertEquals(o, VersionedObjectFormat.fromBytes(Golden.bytes("versioned-object-format-1.hex")));
        Golden.assertText("versioned-object-bag-1.hex", Golden.hex(VersionedObjectFormat.bagToBytes(o.properties())));
        assertEquals(o.properties(), VersionedObjectFormat.bagFromBytes(Golden.bytes("versioned-object-bag-1.hex")));
    }

    @Test
    void theSameObjectGivesTheSameBytesWhateverTheInsertionOrder() {
        VersionedObject o = everyType();
        Map<String, PropertyValue> reversed = new LinkedHashMap<>();
        List<String> names = List.copyOf(o.properties().names());
        for (int i = names.size() - 1; i >= 0; i--) {
            reversed.put(names.get(i), o.properties().get(names.get(i)).orElseThrow());
        }
        VersionedObject same = o.withProperties(PropertyBag.of(reversed));
        assertArrayEquals(VersionedObjectFormat.toBytes(o), VersionedObjectFormat.toBytes(same));
    }

    @Test
    void damagedInputIsRejectedNotMisread() {
        byte[] bytes = VersionedObjectFormat.toBytes(everyType());
        assertThrows(IllegalArgumentException.class,
                () -> VersionedObjectFormat.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IllegalArgumentException.class, () -> VersionedObjectFormat.fromBytes(longer));
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';
        assertThrows(IllegalArgumentException.class, () -> VersionedObjectFormat.fromBytes(wrongMagic));
        byte[] hugeLength = bytes.clone();
        hugeLength[4] = 0x7f; // length of the kind
        assertThrows(IllegalArgumentException.class, () -> VersionedObjectFormat.fromBytes(hugeLength));
    }
}
