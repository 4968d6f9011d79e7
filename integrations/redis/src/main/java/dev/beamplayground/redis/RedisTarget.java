package dev.beamplayground.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.util.Optional;

/**
 * Where the Redis client connects: {@code redis.uri}, or the Memorystore endpoint (see
 * {@code redis.memorystore}), with the TLS trust that endpoint needs.
 *
 * @param uri the server, its password and whether it speaks TLS
 * @param ssl the trust to use instead of the JVM's (Memorystore's own CA), when there is one
 */
public record RedisTarget(RedisURI uri, Optional<SslOptions> ssl) {
}
