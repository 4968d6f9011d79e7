package dev.beamplayground.connect;

import com.google.protobuf.DescriptorProtos.MethodOptions.IdempotencyLevel;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import dev.beamplayground.api.v1.Api;

/** The service of {@code api.proto}: which methods exist, and which are free of side effects (Connect GET). */
public final class PlaygroundApi {
    public static final String SERVICE = "api.v1.PlaygroundService";
    /** Every method's path starts with this. */
    public static final String PATH_PREFIX = "/" + SERVICE + "/";

    private static final ServiceDescriptor DESCRIPTOR = Api.getDescriptor().findServiceByName("PlaygroundService");

    private PlaygroundApi() {
    }

    /** The method of the service named {@code name}, or null. */
    public static MethodDescriptor method(String name) {
        return DESCRIPTOR.findMethodByName(name);
    }

    /** Marked {@code idempotency_level = NO_SIDE_EFFECTS}: may be served as a Connect GET. */
    static boolean noSideEffects(MethodDescriptor method) {
        return method.getOptions().getIdempotencyLevel() == IdempotencyLevel.NO_SIDE_EFFECTS;
    }
}
