package dev.beamplayground.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RedisFailuresTest {
    @Test
    void redisFailuresAreUnavailableOnlyWhenTheyPass() {
        assertEquals(true, RedisFailures.isUnavailable(new RedisConnectionException("refused")));
        assertEquals(true, RedisFailures.isUnavailable(new RedisCommandTimeoutException("slow")));
        assertEquals(true, RedisFailures.isUnavailable(new BeanInstantiationException("connection",
                new RedisConnectionException("refused", new ConnectException("refused")))));
        assertEquals(true, RedisFailures.isUnavailable(new RedisCommandExecutionException("LOADING dataset")));
        assertEquals(false, RedisFailures.isUnavailable(new RedisCommandExecutionException("WRONGTYPE x")));
        assertEquals(true, RedisFailures.isUnavailable(new TimeoutException("no answer within the wait")));
        assertEquals(false, RedisFailures.isUnavailable(new IllegalStateException("bug")));
    }
}
