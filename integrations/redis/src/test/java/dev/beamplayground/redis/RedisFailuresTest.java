package dev.beamplayground.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamplayground.redis.resp.RespConnectionException;
import dev.beamplayground.redis.resp.RespErrorReply;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RedisFailuresTest {
    @Test
    void redisFailuresAreUnavailableOnlyWhenTheyPass() {
        assertEquals(true, RedisFailures.isUnavailable(new RespConnectionException("cannot connect",
                new ConnectException("refused"))));
        assertEquals(true, RedisFailures.isUnavailable(new RespConnectionException("failed",
                new SocketTimeoutException("Read timed out"))));
        assertEquals(true, RedisFailures.isUnavailable(new BeanInstantiationException("connection",
                new RespConnectionException("cannot connect", new ConnectException("refused")))));
        assertEquals(true, RedisFailures.isUnavailable(new RespConnectionException(
                "no pooled Redis connection was free within 2000 ms", null)));
        assertEquals(true, RedisFailures.isUnavailable(new RespErrorReply("LOADING dataset")));
        assertEquals(true, RedisFailures.isUnavailable(new RespErrorReply("BUSY Redis is busy running a script")));
        assertEquals(true, RedisFailures.isUnavailable(new TimeoutException("no answer within the wait")));
        assertEquals(false, RedisFailures.isUnavailable(new RespErrorReply("WRONGTYPE x")));
        assertEquals(false, RedisFailures.isUnavailable(new RespErrorReply("NOSCRIPT x")));
        assertEquals(false, RedisFailures.isUnavailable(new NoSuchElementException("an iterator's")));
        assertEquals(false, RedisFailures.isUnavailable(new IllegalStateException("bug")));
    }

    @Test
    void unavailableIs503AndTheRestInternal() {
        assertEquals(RedisUnavailableException.class, RedisFailures.translate("read",
                new RespConnectionException("lost", null)).getClass());
        assertEquals(dev.beamplayground.domain.error.InternalException.class, RedisFailures.translate("read",
                new RespErrorReply("ERR Error running script")).getClass());
    }
}
