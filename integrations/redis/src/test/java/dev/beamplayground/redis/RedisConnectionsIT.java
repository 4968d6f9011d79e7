package dev.beamplayground.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a new connection of the functions' wiring sends to a real redis-server before its first command. */
@ExtendWith(RedisServerExtension.class)
class RedisConnectionsIT {

    @Test
    void aNewConnectionSendsNoClientSetInfo(RedisServer redis) {
        redis.command("CONFIG", "RESETSTAT");
        try (ApplicationContext context = ApplicationContext.run(Map.of("redis.uri", redis.uri()))) {
            assertEquals("PONG", context.getBean(RedisConnections.class).call("test", RedisCommands::ping));
        }
        // Redis before 7.2 refuses CLIENT SETINFO (an ERR in errorstats), later ones count it as a command.
        String stats = redis.command("INFO", "errorstats") + redis.command("INFO", "commandstats");
        assertFalse(stats.contains("errorstat_ERR"), stats);
        assertFalse(stats.toLowerCase().contains("setinfo"), stats);
    }
}
