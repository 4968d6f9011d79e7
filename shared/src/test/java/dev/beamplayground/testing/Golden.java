package dev.beamplayground.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Golden files: committed fixtures of a persisted format as released (under {@code src/test/resources/golden/}),
 * compared with what today's code writes. A mismatch fails and leaves what the code wrote in
 * {@code target/golden-actual/}: a format change is a new fixture file beside the old one (and a reader for the old
 * one), never an edit of a released fixture.
 */
public final class Golden {
    private Golden() {
    }

    /** The fixture's text, or null when there is none. */
    public static String text(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless {@code actual} is the fixture's text. */
    public static void assertText(String name, String actual) {
        String expected = text(name);
        if (!actual.equals(expected)) {
            Path out = Path.of("target", "golden-actual", name);
            try {
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fail(expected == null ? "no fixture golden/" + name + "; what the code writes is in " + out.toAbsolutePath()
                    : "golden/" + name + " differs from what the code writes (in " + out.toAbsolutePath() + ")");
        }
    }

    /** Bytes as a fixture holds them: hex, 32 bytes a line. */
    public static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 32) {
            out.append(HexFormat.of().formatHex(bytes, i, Math.min(bytes.length, i + 32))).append('\n');
        }
        return out.toString();
    }

    /** The bytes of a hex fixture. */
    public static byte[] bytes(String name) {
        String text = text(name);
        if (text == null) {
            fail("no fixture golden/" + name);
        }
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }
}
