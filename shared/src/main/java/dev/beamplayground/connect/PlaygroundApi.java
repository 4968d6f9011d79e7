package dev.beamplayground.connect;

import dev.beamplayground.connect.schema.ApiSchema;
import dev.beamplayground.connect.schema.MethodSchema;

/** The service of {@code api.proto}: which methods exist, and which are free of side effects (Connect GET). */
public final class PlaygroundApi {
    public static final String SERVICE = "api.v1.PlaygroundService";
    /** Every method's path starts with this. */
    public static final String PATH_PREFIX = "/" + SERVICE + "/";

    private PlaygroundApi() {
    }

    /** The method of the service named {@code name}, or null. */
    public static MethodSchema method(String name) {
        return ApiSchema.api().method(name);
    }
}
