package dev.beamplayground.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.wire.PipelineWire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineUuidTest {
    @Test
    void theCanonicalFormIsAcceptedAndLowerCased() {
        assertEquals("6f1c2a9e-0b7d-4e43-9a51-3c2d8e7f1a20",
                PipelineUuid.parse("6F1C2A9E-0B7D-4E43-9A51-3C2D8E7F1A20").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "6f1c2a9e0b7d4e439a513c2d8e7f1a20", "{6f1c2a9e-0b7d-4e43-9a51-3c2d8e7f1a20}",
            "6f1c2a9e-0b7d-4e43-9a51-3c2d8e7f1a2g", "6f1c2a9e-0b7d-4e43-9a51-3c2d8e7f1a20 ",
            "6f1c2a9e_0b7d-4e43-9a51-3c2d8e7f1a20", "urn:uuid:6f1c2a9e-0b7d-4e43-9a51-3c2d8e7f1a20"})
    void anythingElseIsRefused(String text) {
        assertThrows(InvalidArgumentException.class, () -> PipelineUuid.parse(text));
    }

    @Test
    void theCancelMessageRoundTrips() {
        PipelineUuid uuid = PipelineUuid.parse("6f1c2a9e-0b7d-4e43-9a51-3c2d8e7f1a20");
        assertEquals(uuid, PipelineWire.parseCancelMessage(PipelineWire.cancelMessage(uuid)));
        assertThrows(InvalidArgumentException.class, () -> PipelineWire.parseCancelMessage(new byte[2000]));
    }
}
