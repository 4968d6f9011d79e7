package dev.beamplayground.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class RedisServerIT {
    @Test
    void answersStopsAndComesBackOnTheSamePort() {
        try (RedisServer redis = RedisServer.start()) {
            assertEquals("+OK", redis.command("SET", "k", "v"));
            assertEquals("v", redis.command("GET", "k"));
            int port = redis.port();

            redis.stop();
            assertFalse(redis.isRunning());
            assertThrows(UncheckedIOException.class, () -> redis.command("PING"));

            redis.restart();
            assertTrue(redis.isRunning());
            assertEquals(port, redis.port());
            assertEquals("$-1", redis.command("GET", "k"), "no persistence: a restart starts empty");
        }
    }
}
