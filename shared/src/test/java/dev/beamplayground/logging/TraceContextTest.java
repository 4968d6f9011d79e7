package dev.beamplayground.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TraceContextTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void readsW3cTraceparentFirst() {
        TraceContext t = TraceContext.of("00-" + TRACE + "-00f067aa0ba902b7-01", "105445aa7843bc8bf206b12000100000/1;o=1");
        assertEquals(new TraceContext(TRACE, "00f067aa0ba902b7"), t);
    }

    @Test
    void readsGoogleTraceContextWithItsDecimalSpan() {
        assertEquals(new TraceContext(TRACE, "000000000000007b"), TraceContext.of(null, TRACE.toUpperCase() + "/123;o=1"));
        assertEquals(new TraceContext(TRACE, null), TraceContext.of("garbage", TRACE));
    }

    @Test
    void anythingNotExactlyATraceIsNoTrace() {
        for (String bad : new String[] {"", "00-" + TRACE + "-00f067aa0ba902b7", "00-" + TRACE.toUpperCase()
                + "-00f067aa0ba902b7-01", "00-" + TRACE + "-00f067aa0ba902b7-01\nFORGED", "00-" + "0".repeat(32)
                + "-00f067aa0ba902b7-01", "00-" + TRACE + "-" + "0".repeat(16) + "-01", "x".repeat(10_000)}) {
            assertNull(TraceContext.of(bad, null), bad);
        }
        assertNull(TraceContext.of(null, TRACE + "/99999999999999999999999;o=1"));
        assertNull(TraceContext.of(null, TRACE + "/1;o=1\r\nFORGED"));
        assertNull(TraceContext.of(null, null));
    }
}
