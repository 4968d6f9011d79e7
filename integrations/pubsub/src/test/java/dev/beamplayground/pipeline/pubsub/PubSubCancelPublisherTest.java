package dev.beamplayground.pipeline.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.RestEndpoint;
import dev.beamplayground.googlerest.ScriptedServer;
import dev.beamplayground.googlerest.ScriptedServer.Reply;
import dev.beamplayground.wire.PipelineWire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The cancel publisher over a scripted server: the request it sends and what a client gets when Pub/Sub refuses. */
class PubSubCancelPublisherTest {
    private static final TopicPath TOPIC = new TopicPath("proj", "cancel");
    private static final PipelineUuid UUID = PipelineUuid.parse("3f0c1bde-8f5e-4c57-9d5c-0a1b2c3d4e5f");

    private static PubSubCancelPublisher publisher(ScriptedServer server, Authorization authorization) {
        return new PubSubCancelPublisher(TOPIC, new PublishRetry(
                new RestEndpoint(server.uri(TOPIC.publishPath()), authorization, "Pub/Sub"), Duration.ofSeconds(10), new FakePacer()));
    }

    @Test
    void aCancelIsOneMessageOfTheCancelJsonMarkedAsJson() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, PublishRetryTest.ACCEPTED))) {
            publisher(server, Authorization.NONE).publish(UUID);
            String data = Base64.getEncoder().encodeToString(PipelineWire.cancelMessage(UUID));
            assertEquals("{\"messages\":[{\"data\":\"" + data + "\",\"attributes\":{\"Content-Type\":\"application/json\"}}]}",
                    new String(server.requests.get(0).body(), StandardCharsets.UTF_8));
            assertEquals("/v1/projects/proj/topics/cancel:publish", server.requests.get(0).path());
        }
    }

    @Test
    void aRefusalIsA503ThatNamesNeitherTheTokenNorTheAnswer() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                Reply.of(403, "{\"error\":{\"message\":\"User not authorized on projects/proj\"}}"))) {
            UnavailableException e = assertThrows(UnavailableException.class,
                    () -> publisher(server, () -> "Bearer ya29.secret").publish(UUID));
            assertEquals(Duration.ofSeconds(2), e.retryAfter());
            assertEquals("the cancel could not be published; retry shortly", e.getMessage());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains("secret"), t.toString());
                assertFalse(String.valueOf(t.getMessage()).contains("authorized"), t.toString());
            }
            assertEquals(1, server.requests.size());
        }
    }

    @Test
    void afterCloseACancelIsA503WithoutARequest() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, PublishRetryTest.ACCEPTED))) {
            PubSubCancelPublisher publisher = publisher(server, Authorization.NONE);
            publisher.close();
            assertThrows(UnavailableException.class, () -> publisher.publish(UUID));
            assertEquals(0, server.requests.size());
        }
    }
}
