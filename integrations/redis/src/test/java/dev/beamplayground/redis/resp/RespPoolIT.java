package dev.beamplayground.redis.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The command connections against a real redis-server: replies, reuse, the bound, and what breaks a connection. */
@ExtendWith(RedisServerExtension.class)
class RespPoolIT {
    private static RespEndpoint endpoint(int port) {
        return new RespEndpoint("127.0.0.1", port, null, null, 0, false, null, 1000, 2000);
    }

    @Test
    void commandsSentTogetherAreAnsweredInOrder(RedisServer redis) {
        try (RespPool pool = new RespPool(endpoint(redis.port()), 2, Duration.ofMillis(100))) {
            RespConnection c = pool.borrow();
            c.send("SET", "resp:k", "välue");
            c.send("HSET", "resp:h", "f", "1");
            c.send("GET", "resp:k");
            c.send("HGETALL", "resp:h");
            c.send("INCRBY", "resp:k", "1");
            c.send("GET", "resp:absent");
            List<Object> replies = c.replies(6);
            assertEquals("OK", replies.get(0));
            assertEquals(1L, replies.get(1));
            assertEquals("välue", replies.get(2));
            assertEquals(List.of("f", "1"), replies.get(3));
            assertEquals("ERR value is not an integer or out of range",
                    ((RespErrorReply) replies.get(4)).getMessage());
            assertEquals(null, replies.get(5));
            // An error reply leaves the connection usable.
            c.send("EVAL", "return {1, 'two', redis.call('GET', KEYS[1])}", "1", "resp:k");
            assertEquals(List.of(1L, "two", "välue"), c.reply());
            c.send("EVALSHA", "0000000000000000000000000000000000000000", "0");
            assertTrue(assertThrows(RespErrorReply.class, c::reply).getMessage().startsWith("NOSCRIPT"));
            pool.release(c);
        }
    }

    @Test
    void aReturnedConnectionIsReusedAndTheBoundHolds(RedisServer redis) {
        try (RespPool pool = new RespPool(endpoint(redis.port()), 1, Duration.ofMillis(50))) {
            RespConnection first = pool.borrow();
            RespConnectionException waited = assertThrows(RespConnectionException.class, pool::borrow);
            assertTrue(waited.getMessage().contains("no pooled Redis connection was free"), waited.getMessage());
            pool.release(first);
            assertSame(first, pool.borrow());

            // One that still owes a reply is closed, not handed out again.
            first.send("PING");
            pool.release(first);
            assertTrue(first.isBroken());
            RespConnection second = pool.borrow();
            assertNotSame(first, second);
            second.send("PING");
            assertEquals("PONG", second.reply());

            // Cleared: the idle connection is closed, a new one made.
            pool.release(second);
            pool.clear();
            assertTrue(second.isBroken());
            RespConnection third = pool.borrow();
            assertNotSame(second, third);
            pool.release(third);
        }
    }

    @Test
    void anUnreachableServerIsAConnectionFailureAndFreesItsPlace() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (RespPool pool = new RespPool(endpoint(port), 1, Duration.ofMillis(50))) {
            assertThrows(RespConnectionException.class, pool::borrow);
            // The failed connect did not keep the pool's one place.
            RespConnectionException again = assertThrows(RespConnectionException.class, pool::borrow);
            assertTrue(again.getMessage().startsWith("cannot connect"), again.getMessage());
        }
    }

    @Test
    void aCommandTimeoutBreaksTheConnection(RedisServer redis) {
        try (RespPool pool = new RespPool(endpoint(redis.port()), 1, Duration.ofMillis(50))) {
            RespConnection c = pool.borrow();
            c.timeout(100);
            c.send("BLPOP", "resp:never", "5");
            assertThrows(RespConnectionException.class, c::reply);
            assertTrue(c.isBroken());
            assertThrows(RespConnectionException.class, () -> c.send("PING"));
            pool.release(c);
            RespConnection fresh = pool.borrow();
            fresh.send("PING");
            assertEquals("PONG", fresh.reply());
            pool.release(fresh);
        }
    }
}
