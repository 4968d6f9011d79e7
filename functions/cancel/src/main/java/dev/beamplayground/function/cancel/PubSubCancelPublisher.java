package dev.beamplayground.function.cancel;

import dev.beamplayground.config.PipelineFactory;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.pipeline.CancelPublisher;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.wire.PipelineWire;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes cancel messages to the Pub/Sub topic {@code cancel.topic} (env CANCEL_TOPIC). Waits for
 * Pub/Sub to accept the message (a few milliseconds), never for the runner; when Pub/Sub does not
 * accept it within {@code cancel.publish-timeout} the client gets 503 and may retry.
 */
@Singleton
@Requires(property = PipelineFactory.CANCEL_TOPIC)
class PubSubCancelPublisher implements CancelPublisher {
    /** Default of {@code cancel.publish-timeout}. */
    static final String DEFAULT_PUBLISH_TIMEOUT = "10s";

    private final CancelTopicClient topic;
    private final Duration timeout;

    PubSubCancelPublisher(CancelTopicClient topic,
                          @Value("${cancel.publish-timeout:" + DEFAULT_PUBLISH_TIMEOUT + "}") Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(PipelineUuid uuid) {
        try {
            topic.publish(PipelineWire.cancelMessage(uuid)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            throw new UnavailableException("the cancel could not be published; retry shortly", Duration.ofSeconds(2),
                    e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while publishing the cancel", Duration.ofSeconds(2), e);
        }
    }
}
