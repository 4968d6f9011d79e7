package dev.beamplayground.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectGetTest {
    @Test
    void ifNoneMatchUsesTheWeakComparison() {
        String etag = CacheableBody.of("{\"a\":1}").etag();
        assertTrue(ConnectGet.matches(List.of(etag), etag));
        assertTrue(ConnectGet.matches(List.of("\"x\", W/" + etag), etag));
        assertTrue(ConnectGet.matches(List.of("*"), etag));
        assertFalse(ConnectGet.matches(List.of("\"x\""), etag));
        assertFalse(ConnectGet.matches(List.of(), etag));
    }

    @Test
    void theEtagIsStrongAndFollowsTheBytes() {
        String a = CacheableBody.of("{\"a\":1}").etag();
        assertEquals(a, CacheableBody.of("{\"a\":1}").etag());
        assertNotEquals(a, CacheableBody.of("{\"a\":2}").etag());
        assertTrue(a.matches("\"[A-Za-z0-9_-]{22}\""), a);
    }
}
