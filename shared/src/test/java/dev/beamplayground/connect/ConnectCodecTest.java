package dev.beamplayground.connect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamplayground.domain.error.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class ConnectCodecTest {
    @Test
    void acceptsObjectsUpToTheDepthBound() {
        String ok = "{\"a\":" + "[".repeat(ConnectCodec.MAX_DEPTH - 1) + "]".repeat(ConnectCodec.MAX_DEPTH - 1) + "}";
        assertDoesNotThrow(() -> ConnectCodec.requireShallowObject(ok));
        assertDoesNotThrow(() -> ConnectCodec.requireShallowObject(" {\"s\":\"[[[[\\\"{{{{\"}"));
    }

    @Test
    void refusesDeepNestingAndNonObjects() {
        assertThrows(InvalidArgumentException.class,
                () -> ConnectCodec.requireShallowObject("{\"a\":" + "[".repeat(100_000)));
        assertThrows(InvalidArgumentException.class, () -> ConnectCodec.requireShallowObject("[]"));
        assertThrows(InvalidArgumentException.class, () -> ConnectCodec.requireShallowObject("   "));
        assertThrows(InvalidArgumentException.class, () -> ConnectCodec.requireShallowObject("\"x\""));
    }
}
