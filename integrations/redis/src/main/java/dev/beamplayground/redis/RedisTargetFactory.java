package dev.beamplayground.redis;

import dev.beamplayground.config.RedisConfigured;
import dev.beamplayground.redis.memorystore.EndpointSource;
import dev.beamplayground.redis.memorystore.MemorystoreEndpoint;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Redis target, worked out on the first Redis use: {@code redis.uri} (env REDIS_URI), or the Memorystore
 * endpoint (given, or looked up by instance name) with TLS trusting exactly the instance's CA. The password is
 * {@code redis.password} (env REDIS_PASSWORD, from Secret Manager), which wins over one in the URI.
 */
@Factory
public class RedisTargetFactory {
    public static final String PASSWORD = "redis.password";

    @Singleton
    @Requires(condition = RedisConfigured.class)
    RedisTarget redisTarget(@Value("${" + RedisConfigured.URI + ":}") String uri,
                            @Value("${" + PASSWORD + ":}") String password, Optional<EndpointSource> memorystore) {
        if (memorystore.isPresent()) {
            if (!uri.isBlank()) {
                throw new ConfigurationException("Both redis.uri (REDIS_URI) and a Memorystore endpoint ("
                        + RedisConfigured.MEMORYSTORE_HOST + " or " + RedisConfigured.MEMORYSTORE_INSTANCE
                        + ") are set; set one");
            }
            return memorystore(memorystore.get(), password);
        }
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri.strip());
        } catch (IllegalArgumentException e) {
            // The URI may hold a password: the message names the setting, not its value.
            throw new ConfigurationException(RedisConfigured.URI + " (REDIS_URI) is not a redis:// or rediss:// URI");
        }
        if (!password.isEmpty()) {
            parsed.setPassword(password.toCharArray());
        }
        return new RedisTarget(parsed, Optional.empty());
    }

    private static RedisTarget memorystore(EndpointSource source, String password) {
        MemorystoreEndpoint endpoint = source.endpoint();
        if (endpoint.authEnabled() && password.isEmpty()) {
            throw new ConfigurationException(source.description()
                    + " requires AUTH, but redis.password (REDIS_PASSWORD) is not set");
        }
        RedisURI.Builder uri = RedisURI.builder().withHost(endpoint.host()).withPort(endpoint.port())
                .withSsl(endpoint.tls());
        if (!password.isEmpty()) {
            uri.withPassword(password.toCharArray());
        }
        if (!endpoint.tls()) {
            return new RedisTarget(uri.build(), Optional.empty());
        }
        // The chain is checked against the instance's own CA; the server certificate does not name the
        // private IP the client connects to, so the host name is not verified.
        uri.withVerifyPeer(SslVerifyMode.CA);
        byte[] pem = endpoint.serverCaPem().getBytes(StandardCharsets.US_ASCII);
        SslOptions ssl = SslOptions.builder().jdkSslProvider()
                .trustManager(() -> new ByteArrayInputStream(pem))
                .build();
        return new RedisTarget(uri.build(), Optional.of(ssl));
    }
}
