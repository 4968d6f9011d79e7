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
    public static final Duration DEFAULT_BUILD_LEASE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BUILD_WAIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BUILD_POLL = Duration.ofMillis(50);
    private static final Duration MAX_BUILD_TIME = Duration.ofMinutes(5);

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
    /**
     * How long one instance's turn to build a missing catalog entry lasts before another may take it over (the
     * holder died); a live holder ends it when its entry is written. Default 10 s.
     */
    private Duration buildLease = DEFAULT_BUILD_LEASE;
    /**
     * Longest a request without a usable catalog waits for another instance's build before it builds from the store
     * itself; default 10 s.
     */
    private Duration buildWait = DEFAULT_BUILD_WAIT;
    /** Pause between two looks at another instance's build; default 50 ms. */
    private Duration buildPoll = DEFAULT_BUILD_POLL;

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

    public Duration getBuildLease() {
        return buildLease;
    }

    public void setBuildLease(Duration buildLease) {
        this.buildLease = checked("catalog.build-lease", buildLease, Duration.ofMillis(1));
    }

    public Duration getBuildWait() {
        return buildWait;
    }

    public void setBuildWait(Duration buildWait) {
        this.buildWait = checked("catalog.build-wait", buildWait, Duration.ZERO);
    }

    public Duration getBuildPoll() {
        return buildPoll;
    }

    public void setBuildPoll(Duration buildPoll) {
        this.buildPoll = checked("catalog.build-poll", buildPoll, Duration.ofMillis(1));
    }

    private static Duration checked(String name, Duration value, Duration min) {
        if (value.compareTo(min) < 0 || value.compareTo(MAX_BUILD_TIME) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + MAX_BUILD_TIME);
        }
        return value;
    }
}
