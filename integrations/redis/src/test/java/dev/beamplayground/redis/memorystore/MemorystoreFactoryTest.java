package dev.beamplayground.redis.memorystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.context.exceptions.ConfigurationException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admin API's URL: Google's by default, another only as an http(s) URL of a host. */
class MemorystoreFactoryTest {
    @Test
    void theDefaultIsGooglesEndpoint() {
        assertEquals(URI.create("https://redis.googleapis.com"),
                MemorystoreFactory.adminApi(new MemorystoreConfiguration().getAdminApiUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089", "http://localhost:8089/", " https://redis.example.test "})
    void anHttpUrlOfAHostIsTaken(String url) {
        assertEquals(url.strip(), MemorystoreFactory.adminApi(url).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "redis.googleapis.com", "127.0.0.1:8089", "ftp://127.0.0.1", "file:///tmp/x",
            "https://redis.googleapis.com/v1", "https://redis.googleapis.com/?x=1", "https://redis.googleapis.com#f",
            "https://user@redis.googleapis.com", "https:///v1", "http://bad host"})
    void anythingElseIsRefusedAtStart(String url) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MemorystoreFactory.adminApi(url));
        assertEquals("redis.memorystore.admin-api-url: not an http(s) URL of a host", e.getMessage());
    }
}
