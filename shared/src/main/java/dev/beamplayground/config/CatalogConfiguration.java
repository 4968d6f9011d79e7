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
    public static final Duration DEFAULT_VERSION_LEASE = Duration.ofSeconds(1);
    public static final Duration MAX_VERSION_LEASE = Duration.ofSeconds(60);

    /** Cache-Control of Connect GET answers; default {@value #DEFAULT_CACHE_CONTROL}. */
    private String cacheControl = DEFAULT_CACHE_CONTROL;
    /** Longest wait for one Redis answer before the store is used instead; default 500 ms. */
    private Duration redisTimeout = DEFAULT_REDIS_TIMEOUT;
    /** After a Redis failure, how long the store is used without trying Redis; default 5 s. */
    private Duration redisRetryAfter = DEFAULT_REDIS_RETRY_AFTER;
    /** Expiry of cached catalogs in Redis (they are replaced by version, this only clears leftovers); default 1 day. */
    private Duration redisTtl = DEFAULT_REDIS_TTL;
    /**
     * How long a catalog version read from Redis may answer later requests without another read; a load waits
     * this long after announcing itself before it publishes, so no request sees a catalog older than the last
     * completed load. 0 reads the version for every request. Default 1 s, at most 60 s.
     */
    private Duration versionLease = DEFAULT_VERSION_LEASE;

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

    public Duration getVersionLease() {
        return versionLease;
    }

    public void setVersionLease(Duration versionLease) {
        if (versionLease.isNegative() || versionLease.compareTo(MAX_VERSION_LEASE) > 0) {
            throw new IllegalArgumentException("catalog.version-lease must be between 0 and " + MAX_VERSION_LEASE);
        }
        this.versionLease = versionLease;
    }
}
