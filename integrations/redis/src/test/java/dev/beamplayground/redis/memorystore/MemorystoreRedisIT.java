package dev.beamplayground.redis.memorystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.ScriptedServer;
import dev.beamplayground.redis.RedisConnections;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.BeanInstantiationException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared Redis connections, configured with nothing but a Memorystore instance name and
 * the AUTH password, reaches a real TLS redis-server whose address and CA only the (scripted, local HTTP)
 * admin API knows.
 */
class MemorystoreRedisIT {
    static final String SPEC = "MemorystoreRedisIT";
    static final String NAME = MemorystoreResolverTest.NAME;

    static TlsRedisServer redis;
    static Path dir;

    @BeforeAll
    static void start(@TempDir Path tmp) {
        dir = tmp;
        redis = new TlsRedisServer(tmp);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        redis.close();
    }

    /** The admin API, answering with this instance. */
    private static ScriptedServer admin(JsonObject instance) throws IOException {
        return new ScriptedServer(MemorystoreResolverTest.answer(instance));
    }

    private static ApplicationContext context(ScriptedServer admin, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "spec.name", SPEC,
                "backend.module", "sqlite",
                "backend.path", dir.resolve("unused.db").toString(),
                "redis.memorystore.instance", NAME,
                "redis.memorystore.admin-api-url", admin.uri("/").toString()));
        properties.putAll(extra);
        return ApplicationContext.run(properties);
    }

    private static RedisConnections connection(ApplicationContext context) {
        return context.getBean(RedisConnections.class);
    }

    @Test
    void defaultConnectionUsesTheResolvedTlsEndpointAndCa() throws IOException {
        try (ScriptedServer admin = admin(MemorystoreResolverTest.tlsInstance("127.0.0.1", redis.port, redis.caPem));
                ApplicationContext context = context(admin, Map.of("redis.password", redis.password))) {
            assertEquals(0, admin.requests.size(), "no admin call before the first Redis use");

            RedisConnections connection = connection(context);
            connection.call("set", redis -> redis.eval("return redis.call('SET', KEYS[1], ARGV[1])", List.of("k"), List.of("over tls")));
            assertEquals("over tls", connection.call("get", redis -> redis.get("k")));

            assertEquals(List.of(MemorystoreResolverTest.PATH),
                    admin.requests.stream().map(ScriptedServer.Request::path).toList(), "one admin call in all");
            assertEquals(MemorystoreResolverTest.TOKEN, admin.requests.get(0).authorization());
        }
    }

    @Test
    void aServerNotSignedByTheInstanceCaIsRefused(@TempDir Path dir) throws IOException {
        TlsRedisServer.openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "1", "-subj", "/CN=Test Memorystore CA");
        try (ScriptedServer admin = admin(
                MemorystoreResolverTest.tlsInstance("127.0.0.1", redis.port, read(dir.resolve("ca.pem"))));
                ApplicationContext context = context(admin, Map.of("redis.password", redis.password))) {
            Exception e = assertThrows(Exception.class, () -> connection(context).call("get", redis -> redis.get("k")));
            assertTrue(hasCause(e, SSLHandshakeException.class), e.toString());
        }
    }

    @Test
    void authEnabledWithoutPasswordStopsWithAClearMessage() throws IOException {
        try (ScriptedServer admin = admin(MemorystoreResolverTest.tlsInstance("127.0.0.1", redis.port, redis.caPem));
                ApplicationContext context = context(admin, Map.of())) {
            BeanInstantiationException e = assertThrows(BeanInstantiationException.class, () -> connection(context));
            assertTrue(e.getMessage().contains("REDIS_PASSWORD"), e.getMessage());
        }
    }

    /** The endpoint as Terraform passes it: host, port and CA; no admin API call, no resolver. */
    @Test
    void aConfiguredEndpointAndCaReachTheTlsServerWithoutTheAdminApi() throws IOException {
        try (ScriptedServer admin = admin(MemorystoreResolverTest.tlsInstance("127.0.0.1", redis.port, redis.caPem))) {
            Map<String, Object> properties = new HashMap<>(configured(redis.caPem));
            properties.put("redis.memorystore.admin-api-url", admin.uri("/").toString());
            try (ApplicationContext context = ApplicationContext.run(properties)) {
                RedisConnections connection = connection(context);
                connection.call("set", redis -> redis.eval("return redis.call('SET', KEYS[1], ARGV[1])", List.of("k"), List.of("configured")));
                assertEquals("configured", connection.call("get", redis -> redis.get("k")));
                assertFalse(context.containsBean(MemorystoreResolver.class));
            }
            assertEquals(0, admin.requests.size(), "no admin API call");
        }
    }

    @Test
    void aConfiguredCaThatDidNotSignTheServerIsRefused(@TempDir Path dir) {
        TlsRedisServer.openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "1", "-subj", "/CN=Other CA");
        try (ApplicationContext context = ApplicationContext.run(configured(read(dir.resolve("ca.pem"))))) {
            Exception e = assertThrows(Exception.class, () -> connection(context).call("get", redis -> redis.get("k")));
            assertTrue(hasCause(e, SSLHandshakeException.class), e.toString());
        }
    }

    @Test
    void anEndpointAndAnInstanceNameTogetherStopWithAClearMessage() {
        Map<String, Object> both = new HashMap<>(configured(redis.caPem));
        both.put("redis.memorystore.instance", NAME);
        try (ApplicationContext context = ApplicationContext.run(both)) {
            Exception e = assertThrows(Exception.class, () -> connection(context));
            assertTrue(e.getMessage().contains("REDIS_MEMORYSTORE_HOST") && e.getMessage().contains("set one"),
                    e.getMessage());
        }
    }

    private static Map<String, Object> configured(String caPem) {
        return Map.of("spec.name", SPEC, "backend.module", "sqlite",
                "backend.path", dir.resolve("unused.db").toString(),
                "redis.memorystore.host", "127.0.0.1", "redis.memorystore.port", redis.port,
                "redis.memorystore.server-ca", caPem, "redis.password", redis.password);
    }

    @Test
    void withoutAnInstanceNameNothingOfThisExists() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("spec.name", SPEC, "backend.module", "sqlite",
                "backend.path", dir.resolve("unused.db").toString(), "redis.uri", "redis://127.0.0.1:1"))) {
            assertFalse(context.containsBean(MemorystoreResolver.class));
            assertFalse(context.containsBean(EndpointSource.class));
            assertFalse(context.getBean(dev.beamplayground.redis.RedisTarget.class).ssl().isPresent());
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixed token in place of Application Default Credentials, which this machine has none of. */
    @Factory
    @Requires(property = "spec.name", value = SPEC)
    static class FixedToken {
        @Singleton
        @Named(MemorystoreFactory.ADMIN_API)
        @Replaces(bean = Authorization.class, named = MemorystoreFactory.ADMIN_API, factory = MemorystoreFactory.class)
        Authorization memorystoreAdminApiAuthorization() {
            return () -> MemorystoreResolverTest.TOKEN;
        }
    }
}
