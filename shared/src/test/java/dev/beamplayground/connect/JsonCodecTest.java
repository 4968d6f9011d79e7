package dev.beamplayground.connect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamplayground.domain.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    @Test
    void acceptsObjectsUpToTheDepthBound() {
        String ok = "{\"a\":" + "[".repeat(JsonCodec.MAX_DEPTH - 1) + "]".repeat(JsonCodec.MAX_DEPTH - 1) + "}";
        assertDoesNotThrow(() -> JsonCodec.requireShallowObject(ok));
        assertDoesNotThrow(() -> JsonCodec.requireShallowObject(" {\"s\":\"[[[[\\\"{{{{\"}"));
    }

    @Test
    void refusesDeepNestingAndNonObjects() {
        assertThrows(InvalidArgumentException.class,
                () -> JsonCodec.requireShallowObject("{\"a\":" + "[".repeat(100_000)));
        assertThrows(InvalidArgumentException.class, () -> JsonCodec.requireShallowObject("[]"));
        assertThrows(InvalidArgumentException.class, () -> JsonCodec.requireShallowObject("   "));
        assertThrows(InvalidArgumentException.class, () -> JsonCodec.requireShallowObject("\"x\""));
    }
}
