package dev.beamplayground.connect;

import com.google.protobuf.Message;
import dev.beamplayground.connect.schema.ApiSchema;
import dev.beamplayground.connect.schema.MethodSchema;
import java.util.Objects;
import java.util.function.Function;

/** One rpc of the service served by a function: its request type and what answers it. */
public final class UnaryMethod {
    private final String name;
    private final MethodSchema rpc;
    private final Message prototype;
    private final Function<Message, Reply> handler;

    private UnaryMethod(String name, MethodSchema rpc, Message prototype, Function<Message, Reply> handler) {
        this.name = name;
        this.rpc = rpc;
        this.prototype = prototype;
        this.handler = handler;
    }

    /**
     * @param name      the rpc's name in {@code api.proto}
     * @param prototype the default instance of its request type
     * @throws IllegalArgumentException when the service has no such rpc or it takes another request type
     */
    public static <Q extends Message> UnaryMethod of(String name, Q prototype, Function<Q, Reply> handler) {
        return renamed(name, name, prototype, handler);
    }

    /**
     * Rpc {@code rpc}'s request and answer types served under another name beside it: benchmarks measure a
     * baseline this way in the same process as the real method.
     */
    @SuppressWarnings("unchecked")
    public static <Q extends Message> UnaryMethod renamed(String servedAs, String rpc, Q prototype,
                                                          Function<Q, Reply> handler) {
        MethodSchema method = PlaygroundApi.method(rpc);
        if (method == null) {
            throw new IllegalArgumentException("api.proto has no rpc " + rpc);
        }
        if (ApiSchema.api().of(prototype) != method.input()) {
            throw new IllegalArgumentException("rpc " + rpc + " takes " + method.input().fullName());
        }
        Objects.requireNonNull(handler, "handler");
        return new UnaryMethod(servedAs, method, prototype, (Function<Message, Reply>) handler);
    }

    /** The name it is served under: the rpc's own (but for a benchmark's baseline). */
    public String name() {
        return name;
    }

    Message prototype() {
        return prototype;
    }

    boolean noSideEffects() {
        return rpc.noSideEffects();
    }

    Reply invoke(Message request) {
        return handler.apply(request);
    }
}
