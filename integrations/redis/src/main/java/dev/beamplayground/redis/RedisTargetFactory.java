package dev.beamplayground.redis;

import dev.beamplayground.config.RedisConfigured;
import dev.beamplayground.redis.memorystore.EndpointSource;
import dev.beamplayground.redis.memorystore.MemorystoreEndpoint;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

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
        return parse(uri.strip(), password);
    }

    /** {@code redis[s]://[[user]:password@]host[:port][/database]}; {@code password}, when set, wins. */
    static RedisTarget parse(String uri, String password) {
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            parsed = null;
        }
        // The URI may hold a password: messages name the setting, not its value.
        if (parsed == null || parsed.getHost() == null
                || !("redis".equals(parsed.getScheme()) || "rediss".equals(parsed.getScheme()))) {
            throw new ConfigurationException(RedisConfigured.URI + " (REDIS_URI) is not a redis:// or rediss:// URI");
        }
        String user = null;
        String secret = null;
        String info = parsed.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String name = colon < 0 ? "" : decode(info.substring(0, colon));
            user = name.isEmpty() ? null : name;
            secret = decode(colon < 0 ? info : info.substring(colon + 1));
        }
        if (!password.isEmpty()) {
            secret = password;
        }
        int database = 0;
        String path = parsed.getPath() == null ? "" : parsed.getPath().replaceFirst("^/", "");
        if (!path.isEmpty()) {
            try {
                database = Integer.parseInt(path);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(RedisConfigured.URI + " (REDIS_URI) names no database number");
            }
        }
        return new RedisTarget(parsed.getHost(), parsed.getPort() < 0 ? 6379 : parsed.getPort(), user,
                secret == null || secret.isEmpty() ? null : secret.toCharArray(), database,
                "rediss".equals(parsed.getScheme()), Optional.empty());
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static RedisTarget memorystore(EndpointSource source, String password) {
        MemorystoreEndpoint endpoint = source.endpoint();
        if (endpoint.authEnabled() && password.isEmpty()) {
            throw new ConfigurationException(source.description()
                    + " requires AUTH, but redis.password (REDIS_PASSWORD) is not set");
        }
        char[] secret = password.isEmpty() ? null : password.toCharArray();
        if (!endpoint.tls()) {
            return new RedisTarget(endpoint.host(), endpoint.port(), null, secret, 0, false, Optional.empty());
        }
        // The chain is checked against the instance's own CA; the server certificate does not name the
        // private IP the client connects to, so the host name is not verified.
        return new RedisTarget(endpoint.host(), endpoint.port(), null, secret, 0, true,
                Optional.of(trusting(endpoint.serverCaPem())));
    }

    /** TLS that trusts exactly the CA certificates of {@code pem}. */
    private static SSLSocketFactory trusting(String pem) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                trust.setCertificateEntry("ca-" + n++, ca);
            }
            if (n == 0) {
                throw new ConfigurationException("the Memorystore server CA holds no certificate");
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("the Memorystore server CA cannot be read: " + e.getMessage(), e);
        }
    }
}
