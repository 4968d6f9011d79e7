package dev.beamplayground.redis.memorystore;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code redis.memorystore.*}: the Memorystore instance whose endpoint the default Redis connection uses
 * instead of {@code redis.uri} (env {@code REDIS_MEMORYSTORE_INSTANCE}).
 */
@ConfigurationProperties(MemorystoreConfiguration.PREFIX)
public class MemorystoreConfiguration {
    public static final String PREFIX = "redis.memorystore";
    /** The property that switches Memorystore resolution on. */
    public static final String INSTANCE_PROPERTY = PREFIX + ".instance";
    /** Default {@value}: the admin API's deadline for the one lookup. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private String instance;
    private Duration timeout = DEFAULT_TIMEOUT;

    /** {@code projects/P/locations/R/instances/I}. */
    @Nullable
    public String getInstance() {
        return instance;
    }

    public void setInstance(@Nullable String instance) {
        this.instance = instance;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
