package dev.beamplayground.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code catalog.*}: HTTP caching of catalog answers and the use of the shared (Redis) catalog cache. */
@ConfigurationProperties(CatalogConfiguration.PREFIX)
public class CatalogConfiguration {
    public static final String PREFIX = "catalog";
    /** Caches may keep an answer but must revalidate it (a 304 when unchanged): nothing stale is shown. */
    public static final String DEFAULT_CACHE_CONTROL = "public, no-cache";
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_REDIS_RETRY_AFTER = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REDIS_TTL = Duration.ofDays(1);

    /** Cache-Control of Connect GET answers; default {@value #DEFAULT_CACHE_CONTROL}. */
    private String cacheControl = DEFAULT_CACHE_CONTROL;
    /** Longest wait for one Redis answer before the store is used instead; default 500 ms. */
    private Duration redisTimeout = DEFAULT_REDIS_TIMEOUT;
    /** After a Redis failure, how long the store is used without trying Redis; default 5 s. */
    private Duration redisRetryAfter = DEFAULT_REDIS_RETRY_AFTER;
    /** Expiry of cached catalogs in Redis (they are replaced by version, this only clears leftovers); default 1 day. */
    private Duration redisTtl = DEFAULT_REDIS_TTL;

    public String getCacheControl() {
        return cacheControl;
    }

    public void setCacheControl(String cacheControl) {
        this.cacheControl = cacheControl;
    }

    public Duration getRedisTimeout() {
        return redisTimeout;
    }

    public void setRedisTimeout(Duration redisTimeout) {
        this.redisTimeout = redisTimeout;
    }

    public Duration getRedisRetryAfter() {
        return redisRetryAfter;
    }

    public void setRedisRetryAfter(Duration redisRetryAfter) {
        this.redisRetryAfter = redisRetryAfter;
    }

    public Duration getRedisTtl() {
        return redisTtl;
    }

    public void setRedisTtl(Duration redisTtl) {
        this.redisTtl = redisTtl;
    }
}
