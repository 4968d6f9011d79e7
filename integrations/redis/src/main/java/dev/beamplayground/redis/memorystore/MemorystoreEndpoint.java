package dev.beamplayground.redis.memorystore;

import java.util.Objects;

/**
 * Where a Memorystore for Redis instance is reached, as its admin API describes it.
 *
 * @param host        the instance's private IP
 * @param port        its port (6378 with in-transit encryption, else 6379)
 * @param tls         whether it requires TLS (transit encryption mode SERVER_AUTHENTICATION)
 * @param serverCaPem the PEM certificates of the CA that signs its server certificate; empty without TLS
 * @param authEnabled whether it requires Redis AUTH
 */
public record MemorystoreEndpoint(String host, int port, boolean tls, String serverCaPem, boolean authEnabled) {
    public MemorystoreEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(serverCaPem, "serverCaPem");
    }
}
