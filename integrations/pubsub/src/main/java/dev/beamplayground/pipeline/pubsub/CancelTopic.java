package dev.beamplayground.pipeline.pubsub;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/**
 * The cancel topic's publisher, made on the first Cancel (not at start-up: a cold start that serves no
 * Cancel never loads the Pub/Sub client) and reused by every later one. With an emulator host it talks
 * plain-text gRPC without credentials, as the emulator expects.
 */
final class CancelTopic implements AutoCloseable {
    private final TopicName name;
    private final String emulatorHost;
    private Publisher publisher;
    private ManagedChannel emulatorChannel;
    private boolean closed;

    CancelTopic(TopicName name, String emulatorHost) {
        this.name = name;
        this.emulatorHost = emulatorHost;
    }

    TopicName name() {
        return name;
    }

    synchronized Publisher publisher() {
        if (closed) {
            throw new IllegalStateException("the function is shutting down");
        }
        if (publisher == null) {
            publisher = build();
        }
        return publisher;
    }

    private Publisher build() {
        try {
            Publisher.Builder builder = Publisher.newBuilder(name);
            if (!emulatorHost.isEmpty()) {
                emulatorChannel = ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build();
                builder.setChannelProvider(FixedTransportChannelProvider.create(
                                GrpcTransportChannel.create(emulatorChannel)))
                        .setCredentialsProvider(NoCredentialsProvider.create());
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("the Pub/Sub publisher for " + name + " could not be made", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (publisher != null) {
            publisher.shutdown();
            try {
                publisher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (emulatorChannel != null) {
            emulatorChannel.shutdownNow();
        }
    }
}
