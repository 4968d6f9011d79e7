package dev.beamplayground.redis;

import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * Where the Redis client connects: {@code redis.uri}, or the Memorystore endpoint (see
 * {@code redis.memorystore}), with the TLS trust that endpoint needs.
 *
 * @param host     the server's host
 * @param port     its port
 * @param user     the ACL user, or null for the default user
 * @param password the AUTH password, or null without AUTH
 * @param database the database index
 * @param tls      whether the server speaks TLS
 * @param ssl      the trust to use instead of the JVM's (Memorystore's own CA, host name not checked), when there is one
 */
public record RedisTarget(String host, int port, String user, char[] password, int database, boolean tls,
                          Optional<SSLSocketFactory> ssl) {
    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database; // never the password
    }
}
