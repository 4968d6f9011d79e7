package dev.beamplayground.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.exceptions.BeanInstantiationException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

class RedisFailuresTest {
    @Test
    void redisFailuresAreUnavailableOnlyWhenTheyPass() {
        assertEquals(true, RedisFailures.isUnavailable(new JedisConnectionException(new ConnectException("refused"))));
        assertEquals(true, RedisFailures.isUnavailable(new JedisConnectionException(
                new SocketTimeoutException("Read timed out"))));
        assertEquals(true, RedisFailures.isUnavailable(new BeanInstantiationException("connection",
                new JedisConnectionException("refused", new ConnectException("refused")))));
        assertEquals(true, RedisFailures.isUnavailable(new JedisException("Could not get a resource from the pool",
                new NoSuchElementException("Timeout waiting for idle object"))));
        assertEquals(true, RedisFailures.isUnavailable(new JedisDataException("LOADING dataset")));
        assertEquals(true, RedisFailures.isUnavailable(new JedisBusyException("BUSY Redis is busy running a script")));
        assertEquals(true, RedisFailures.isUnavailable(new TimeoutException("no answer within the wait")));
        assertEquals(false, RedisFailures.isUnavailable(new JedisDataException("WRONGTYPE x")));
        assertEquals(false, RedisFailures.isUnavailable(new JedisNoScriptException("NOSCRIPT x")));
        assertEquals(false, RedisFailures.isUnavailable(new NoSuchElementException("an iterator's, not the pool's")));
        assertEquals(false, RedisFailures.isUnavailable(new IllegalStateException("bug")));
    }

    @Test
    void unavailableIs503AndTheRestInternal() {
        assertEquals(RedisUnavailableException.class, RedisFailures.translate("read",
                new JedisConnectionException("lost")).getClass());
        assertEquals(dev.beamplayground.domain.error.InternalException.class, RedisFailures.translate("read",
                new JedisDataException("ERR Error running script")).getClass());
    }
}
