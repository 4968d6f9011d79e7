package dev.beamplayground.redis.memorystore;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.redis.v1.CloudRedisClient;
import com.google.cloud.redis.v1.CloudRedisGrpc;
import com.google.cloud.redis.v1.CloudRedisSettings;
import com.google.cloud.redis.v1.GetInstanceRequest;
import com.google.cloud.redis.v1.Instance;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Memorystore admin API's GetInstance, served in this JVM over real gRPC (in-process transport), so
 * the real {@link CloudRedisClient} and its stubs, serialization and error mapping are exercised.
 */
final class FakeCloudRedis extends CloudRedisGrpc.CloudRedisImplBase implements AutoCloseable {
    private final Server server;
    private final ManagedChannel channel;
    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private volatile Instance instance;
    private volatile Status failure;

    FakeCloudRedis() {
        String name = InProcessServerBuilder.generateName();
        try {
            server = InProcessServerBuilder.forName(name).addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        channel = InProcessChannelBuilder.forName(name).build();
    }

    /** Answer GetInstance with this instance (its name is set from the request). */
    void answer(Instance instance) {
        this.instance = instance;
        this.failure = null;
    }

    /** Answer GetInstance with this gRPC error. */
    void fail(Status status) {
        this.failure = status;
    }

    /** Names asked for so far, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** Settings that reach this server, without credentials. The channel outlives each client. */
    CloudRedisSettings settings() {
        try {
            return CloudRedisSettings.newBuilder()
                    .setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                    .setCredentialsProvider(NoCredentialsProvider.create())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CloudRedisClient client() {
        try {
            return CloudRedisClient.create(settings());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void getInstance(GetInstanceRequest request, StreamObserver<Instance> response) {
        requests.add(request.getName());
        Status error = failure;
        if (error != null) {
            response.onError(error.asRuntimeException());
            return;
        }
        response.onNext(instance.toBuilder().setName(request.getName()).build());
        response.onCompleted();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
