package dev.beamplayground.catalog.redis;

import dev.beamplayground.catalog.CatalogCache;
import dev.beamplayground.config.CatalogConfiguration;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.redis.RedisConfigured;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shared catalog cache in Redis (the default connection: {@code redis.uri} or a Memorystore instance). Keys:
 * <ul>
 *   <li>{@code CATALOG_VERSION}: the version the loader published, or {@code loading} while a load runs;</li>
 *   <li>{@code EXAMPLES_CATALOG}: {@code <version>:<GetPrecompiledObjects JSON for all SDKs>};</li>
 *   <li>{@code SDKS_CATALOG}: {@code <version>:<JSON list of SDKs and default example names>};</li>
 *   <li>{@code DEFAULT_PRECOMPILED_OBJECTS}: hash, field = SDK name, value {@code <version>:<GetDefaultPrecompiledObject JSON>}.</li>
 * </ul>
 * A value is used only when its version tag equals {@code CATALOG_VERSION}. Redis failures never fail a
 * request: the store is asked instead, Redis is left alone for {@code catalog.redis-retry-after}, and the
 * failure is logged at most once a minute. Only the loader's calls throw, so a load never ends unannounced.
 */
@Singleton
@Requires(condition = RedisConfigured.class)
public class RedisCatalogCache implements CatalogCache {
    static final String VERSION = "CATALOG_VERSION";
    static final String EXAMPLES = "EXAMPLES_CATALOG";
    static final String SDKS = "SDKS_CATALOG";
    static final String DEFAULTS = "DEFAULT_PRECOMPILED_OBJECTS";
    static final String LOADING = "loading";
    /** KEYS[1] = CATALOG_VERSION, ARGV[1] = the value seen ("" = none), ARGV[2] = the version to publish. */
    private static final String PUBLISH_IF_UNCHANGED = "local v = redis.call('GET', KEYS[1]) "
            + "if (v == false and ARGV[1] == '') or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end "
            + "return 0";

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final Duration timeout;
    private final long retryAfterNanos;
    private final long ttlSeconds;
    private final RateLimitedLog log = new RateLimitedLog(Duration.ofMinutes(1));
    private volatile long downUntil = System.nanoTime();
    /** Guards the version GET in flight and the one queued behind it. */
    private final Object flights = new Object();
    private RedisFuture<String> flying;
    private java.util.concurrent.CompletableFuture<Probe> queued;

    public RedisCatalogCache(BeanProvider<StatefulRedisConnection<String, String>> connection,
                             CatalogConfiguration configuration) {
        this.connection = connection;
        this.timeout = configuration.getRedisTimeout();
        this.retryAfterNanos = configuration.getRedisRetryAfter().toNanos();
        this.ttlSeconds = Math.max(1, configuration.getRedisTtl().toSeconds());
    }

    /**
     * Every request needs a version read that started after it arrived. Concurrent requests share one: while a
     * GET is in flight, newcomers wait for the next one, started as soon as it lands. Redis sees at most one
     * version GET per round trip however many requests there are, and no request gets an answer older than itself.
     */
    @Override
    public Probe probe() {
        if (System.nanoTime() - downUntil < 0) {
            return Probe.UNAVAILABLE;
        }
        java.util.concurrent.CompletableFuture<Probe> mine;
        synchronized (flights) {
            if (flying != null) {
                if (queued == null) {
                    queued = new java.util.concurrent.CompletableFuture<>();
                }
                mine = queued;
            } else {
                mine = new java.util.concurrent.CompletableFuture<>();
                launch(mine);
            }
        }
        try {
            // Up to two round trips: the flight in the air, then the one started for this request.
            return mine.get(2 * timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.UNAVAILABLE;
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            synchronized (flights) {
                if (flying != null) {
                    flying.cancel(true); // lands at once, so the next request starts afresh
                }
            }
            failed(e);
            return Probe.UNAVAILABLE;
        }
    }

    /** Starts a version GET answering {@code target}; called holding {@link #flights}, with nothing in flight. */
    private void launch(java.util.concurrent.CompletableFuture<Probe> target) {
        RedisFuture<String> get;
        try {
            get = commands().get(VERSION);
        } catch (RuntimeException e) {
            failed(e);
            target.complete(Probe.UNAVAILABLE);
            return;
        }
        flying = get;
        get.whenComplete((value, error) -> {
            if (error != null) {
                failed(error instanceof Exception x ? x : new IllegalStateException(error));
                target.complete(Probe.UNAVAILABLE);
            } else if (value == null) {
                target.complete(Probe.ABSENT);
            } else {
                long version = parseVersion(value);
                // "loading", or anything this code did not write: only the store can tell.
                target.complete(version > 0 ? Probe.published(version) : Probe.LOADING);
            }
            synchronized (flights) {
                if (flying == get) {
                    flying = null;
                }
                if (flying == null && queued != null) {
                    java.util.concurrent.CompletableFuture<Probe> next = queued;
                    queued = null;
                    launch(next);
                }
            }
        });
    }

    @Override
    public Optional<Entry> read(long version) {
        try {
            RedisAsyncCommands<String, String> redis = commands();
            RedisFuture<String> examples = redis.get(EXAMPLES);
            RedisFuture<String> sdks = redis.get(SDKS);
            RedisFuture<Map<String, String>> defaults = redis.hgetall(DEFAULTS);
            String examplesValue = await(examples);
            if (examplesValue == null || parseVersion(examplesValue) != version) {
                return Optional.empty();
            }
            String sdksValue = await(sdks);
            Map<Sdk, byte[]> defaultBodies = new EnumMap<>(Sdk.class);
            for (Map.Entry<String, String> field : await(defaults).entrySet()) {
                if (parseVersion(field.getValue()) == version) {
                    sdkNamed(field.getKey()).ifPresent(sdk -> defaultBodies.put(sdk, payload(field.getValue())));
                }
            }
            return Optional.of(new Entry(payload(examplesValue),
                    sdksValue != null && parseVersion(sdksValue) == version
                            ? new String(payload(sdksValue), StandardCharsets.UTF_8) : "",
                    defaultBodies));
        } catch (RuntimeException | TimeoutException e) {
            failed(e);
            return Optional.empty();
        }
    }

    @Override
    public void write(long version, Entry entry, boolean claim) {
        if (System.nanoTime() - downUntil < 0) {
            return;
        }
        try {
            RedisAsyncCommands<String, String> redis = commands();
            SetArgs expiring = SetArgs.Builder.ex(ttlSeconds);
            RedisFuture<String> examples = redis.set(EXAMPLES, tagged(version, entry.examples()), expiring);
            RedisFuture<String> sdks = redis.set(SDKS, version + ":" + entry.sdks(), expiring);
            RedisFuture<?> defaults = null;
            if (!entry.defaults().isEmpty()) {
                Map<String, String> fields = new HashMap<>();
                entry.defaults().forEach((sdk, body) -> fields.put(sdk.name(), tagged(version, body)));
                defaults = redis.hset(DEFAULTS, fields);
                redis.expire(DEFAULTS, ttlSeconds);
            }
            // Published only where nothing is: a load that started meanwhile keeps its "loading".
            RedisFuture<String> claimed = claim ? redis.set(VERSION, Long.toString(version), SetArgs.Builder.nx()) : null;
            await(examples);
            await(sdks);
            if (defaults != null) {
                await(defaults);
            }
            if (claimed != null) {
                await(claimed);
            }
        } catch (RuntimeException | TimeoutException e) {
            failed(e);
        }
    }

    @Override
    public void beginLoad() {
        setVersion(LOADING);
    }

    @Override
    public void publish(long version) {
        setVersion(Long.toString(version));
    }

    /** Compare-and-set in one script, so a load that began after {@code seen} is never overwritten. */
    @Override
    public boolean publishIfUnchanged(Probe seen, long version) {
        String expected = switch (seen.state()) {
            case PUBLISHED -> Long.toString(seen.version());
            case ABSENT -> "";
            default -> null;
        };
        if (expected == null) {
            return false;
        }
        try {
            Long set = await(commands().eval(PUBLISH_IF_UNCHANGED, ScriptOutputType.INTEGER, new String[] {VERSION},
                    expected, Long.toString(version)));
            return set != null && set == 1L;
        } catch (RuntimeException | TimeoutException e) {
            throw new UnavailableException("the catalog cache (Redis) cannot be reached", Duration.ofSeconds(5), e);
        }
    }

    private void setVersion(String value) {
        try {
            await(commands().set(VERSION, value));
        } catch (RuntimeException | TimeoutException e) {
            throw new UnavailableException("the catalog cache (Redis) cannot be reached; nothing was changed by this"
                    + " step, run the load again", Duration.ofSeconds(5), e);
        }
    }

    private RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = connection.get();
        if (!c.isOpen()) {
            // Commands would queue until lettuce reconnects; the store answers sooner.
            throw new IllegalStateException("the Redis connection is not open");
        }
        return c.async();
    }

    private <T> T await(RedisFuture<T> future) throws TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Redis failed", e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    private void failed(Throwable e) {
        downUntil = System.nanoTime() + retryAfterNanos;
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        log.warn("the catalog cache (Redis) failed ({}: {}); serving the catalog from the store", cause);
    }

    private static String tagged(long version, byte[] json) {
        return version + ":" + new String(json, StandardCharsets.UTF_8);
    }

    /** The version tag of a value; 0 when it has none. */
    static long parseVersion(String value) {
        int colon = value.indexOf(':');
        String digits = colon < 0 ? value : value.substring(0, colon);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(digits);
    }

    private static byte[] payload(String value) {
        return value.substring(value.indexOf(':') + 1).getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Sdk> sdkNamed(String name) {
        for (Sdk sdk : Sdk.values()) {
            if (sdk.name().equals(name)) {
                return Optional.of(sdk);
            }
        }
        return Optional.empty();
    }
}
