package dev.beamplayground.pipeline.pubsub;

import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.pipeline.CancelPublisher;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.wire.PipelineWire;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes cancel messages to the Pub/Sub topic {@code cancel.topic} (env CANCEL_TOPIC). Waits for
 * Pub/Sub to accept the message (a few milliseconds), never for the runner; when Pub/Sub does not
 * accept it within {@code cancel.publish-timeout} the client gets 503 and may retry.
 */
public final class PubSubCancelPublisher implements CancelPublisher, AutoCloseable {
    private final CancelTopic topic;
    private final Duration timeout;

    PubSubCancelPublisher(CancelTopic topic, Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(PipelineUuid uuid) {
        PubsubMessage message = PubsubMessage.newBuilder()
                .setData(ByteString.copyFrom(PipelineWire.cancelMessage(uuid)))
                .putAttributes("Content-Type", "application/json")
                .build();
        try {
            topic.publisher().publish(message).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            throw new UnavailableException("the cancel could not be published; retry shortly", Duration.ofSeconds(2),
                    e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while publishing the cancel", Duration.ofSeconds(2), e);
        }
    }

    @Override
    public void close() {
        topic.close();
    }
}
