package dev.beamplayground.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.api.v1.GetPrecompiledObjectOutputResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectGetTest {
    private static CacheableBody body(String output) {
        return CacheableBody.of(GetPrecompiledObjectOutputResponse.newBuilder().setOutput(output).build());
    }

    @Test
    void ifNoneMatchUsesTheWeakComparison() {
        String etag = body("x").etag();
        assertTrue(ConnectGet.matches(List.of(etag), etag));
        assertTrue(ConnectGet.matches(List.of("\"x\", W/" + etag), etag));
        assertTrue(ConnectGet.matches(List.of("*"), etag));
        assertFalse(ConnectGet.matches(List.of("\"x\""), etag));
        assertFalse(ConnectGet.matches(List.of(), etag));
    }

    @Test
    void theEtagIsStrongFollowsTheBytesAndDiffersPerEncoding() {
        String a = body("1").etag();
        assertEquals(a, body("1").etag());
        assertNotEquals(a, body("2").etag());
        assertTrue(a.matches("\"[A-Za-z0-9_-]{22}\""), a);
        assertNotEquals(a, body("1").protoEtag(), "JSON and protobuf are two representations");
    }

    @Test
    void aBodyReadFromJsonHasTheSameBinaryFormAsTheMessage() {
        CacheableBody fromMessage = body("out\u00e9");
        CacheableBody fromJson = CacheableBody.ofJson(fromMessage.json(),
                GetPrecompiledObjectOutputResponse.getDefaultInstance());
        assertArrayEquals(fromMessage.proto(), fromJson.proto());
        assertEquals(fromMessage.protoEtag(), fromJson.protoEtag());
    }
}
