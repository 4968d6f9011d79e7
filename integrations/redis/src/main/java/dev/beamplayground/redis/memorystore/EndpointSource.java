package dev.beamplayground.redis.memorystore;

/** Where the Memorystore endpoint comes from: the configuration, or the admin API. */
public interface EndpointSource {
    /**
     * The endpoint; may look it up on the first call.
     *
     * @throws MemorystoreException when it cannot be known
     */
    MemorystoreEndpoint endpoint();

    /** What names the endpoint, for error messages. */
    String description();
}
