package dev.beamplayground.redis;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code playground.redis.*}: how the shared Redis client behaves when Redis is away, and how many
 * connections it keeps. The defaults make an unreachable Redis answer 503 within about two seconds.
 */
@ConfigurationProperties(RedisClientSettings.PREFIX)
public class RedisClientSettings {
    public static final String PREFIX = "playground.redis";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
    /** The most requests a function instance serves at once (Terraform's concurrency is at most 16 per vCPU). */
    public static final int DEFAULT_POOL_SIZE = 32;

    /** TCP connect timeout; default 1 s. */
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    /** Every command fails after this; default 2 s. */
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    /** A lost subscription is made again, backing off up to this; default 1 s. */
    private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
    /** Pooled command connections; default 32, the most concurrent requests of an instance. */
    private int poolSize = DEFAULT_POOL_SIZE;

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public Duration getMaxReconnectDelay() {
        return maxReconnectDelay;
    }

    public void setMaxReconnectDelay(Duration maxReconnectDelay) {
        this.maxReconnectDelay = maxReconnectDelay;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }
}
