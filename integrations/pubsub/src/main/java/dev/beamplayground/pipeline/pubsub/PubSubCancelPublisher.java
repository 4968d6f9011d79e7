package dev.beamplayground.pipeline.pubsub;

import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.pipeline.CancelPublisher;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.wire.PipelineWire;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes cancel messages to the Pub/Sub topic {@code cancel.topic} (env CANCEL_TOPIC) through Pub/Sub's REST
 * API. Waits for Pub/Sub to accept the message (a few milliseconds), never for the runner; when Pub/Sub does not
 * accept it within {@code cancel.publish-timeout} the client gets 503 and may retry. A refusal that retrying does
 * not change (a missing topic, a missing permission) is the operator's to fix: logged once per status, and the
 * client gets the same 503.
 */
public final class PubSubCancelPublisher implements CancelPublisher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PubSubCancelPublisher.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final String UNAVAILABLE = "the cancel could not be published; retry shortly";

    private final TopicPath topic;
    private final PublishRetry publish;
    private final Set<Integer> refusalsLogged = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    PubSubCancelPublisher(TopicPath topic, PublishRetry publish) {
        this.topic = topic;
        this.publish = publish;
    }

    @Override
    public void publish(PipelineUuid uuid) {
        if (closed) {
            throw new UnavailableException(UNAVAILABLE, RETRY_AFTER, new IllegalStateException("shutting down"));
        }
        try {
            publish.publish(body(PipelineWire.cancelMessage(uuid)));
        } catch (PublishException e) {
            if (e.status() != 0 && refusalsLogged.add(e.status())) {
                LOG.error("Pub/Sub refused to publish to {} with HTTP {}: check that the topic exists and that the"
                        + " function's service account may publish to it", topic, e.status());
            }
            throw new UnavailableException(UNAVAILABLE, RETRY_AFTER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while publishing the cancel", RETRY_AFTER, e);
        }
    }

    /** A publish request of one message: the cancel's JSON, marked as such for the listener. */
    static byte[] body(byte[] data) {
        return ("{\"messages\":[{\"data\":\"" + Base64.getEncoder().encodeToString(data)
                + "\",\"attributes\":{\"Content-Type\":\"application/json\"}}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** Later cancels get 503; a publish under way ends within its deadline. */
    @Override
    public void close() {
        closed = true;
        publish.close();
    }
}
