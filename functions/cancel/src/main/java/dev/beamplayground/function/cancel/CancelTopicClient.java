package dev.beamplayground.function.cancel;

import io.micronaut.gcp.pubsub.annotation.PubSubClient;
import io.micronaut.gcp.pubsub.annotation.Topic;
import java.util.concurrent.CompletableFuture;

/** The cancel topic ({@code cancel.topic}); Micronaut makes its publisher on the first call. */
@PubSubClient
interface CancelTopicClient {
    /** Publishes raw bytes (the CancelRequest's JSON); completes with the message id. */
    @Topic(value = "${cancel.topic}", contentType = "application/json")
    CompletableFuture<String> publish(byte[] data);
}
