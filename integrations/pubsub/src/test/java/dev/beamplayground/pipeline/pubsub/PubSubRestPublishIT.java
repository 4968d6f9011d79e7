package dev.beamplayground.pipeline.pubsub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.PubSubEmulatorExtension;
import dev.beamplayground.time.Pacer;
import dev.beamplayground.wire.PipelineWire;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The REST publisher against the real Pub/Sub emulator: what it publishes is what a subscriber pulls. */
@ExtendWith(PubSubEmulatorExtension.class)
class PubSubRestPublishIT {
    private static final PipelineUuid UUID = PipelineUuid.parse("3f0c1bde-8f5e-4c57-9d5c-0a1b2c3d4e5f");

    private static PubSubCancelPublisher publisher(PubSubEmulator emulator, String topic) {
        TopicPath path = PubSubCancelFactory.topicPath(topic, emulator.projectId());
        return new PubSubCancelPublisher(path, new PublishRetry(PubSubCancelFactory.post(path, emulator.host()),
                Duration.ofSeconds(10), Pacer.SYSTEM));
    }

    @Test
    void aPublishedCancelIsPulledWithItsBytesAndAttributes(PubSubEmulator emulator) {
        emulator.createTopic("rest-publish");
        emulator.createSubscription("rest-publish-sub", "rest-publish");
        try (PubSubCancelPublisher publisher = publisher(emulator, "rest-publish")) {
            publisher.publish(UUID);
        }
        List<JsonNode> messages = emulator.pull("rest-publish-sub", Duration.ofSeconds(10));
        assertEquals(1, messages.size());
        assertArrayEquals(PipelineWire.cancelMessage(UUID),
                Base64.getDecoder().decode(messages.get(0).path("data").asText()));
        assertEquals("application/json", messages.get(0).path("attributes").path("Content-Type").asText());
        assertEquals(1, messages.get(0).path("attributes").size(), "no other attribute");
    }

    @Test
    void aMissingTopicIsRefusedAtOnce(PubSubEmulator emulator) {
        try (PubSubCancelPublisher publisher = publisher(emulator, "rest-publish-missing")) {
            long t0 = System.nanoTime();
            UnavailableException e = assertThrows(UnavailableException.class, () -> publisher.publish(UUID));
            assertEquals(404, ((PublishException) e.getCause()).status());
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "not retried until the timeout");
        }
    }
}
