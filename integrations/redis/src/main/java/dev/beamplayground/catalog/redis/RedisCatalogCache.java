package dev.beamplayground.catalog.redis;

import dev.beamplayground.catalog.CatalogCache;
import dev.beamplayground.catalog.Pacer;
import dev.beamplayground.config.CatalogConfiguration;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.redis.RateLimitedLog;
import dev.beamplayground.config.RedisConfigured;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared catalog cache in Redis (the default connection: {@code redis.uri} or a Memorystore instance). Keys:
 * <ul>
 *   <li>{@code CATALOG_VERSION}: {@code <version>:<lease ms>} as published, or {@code loading:<redis ms>:<wait ms>}
 *       while a load runs (older releases wrote {@code <version>} and {@code loading}, still understood);</li>
 *   <li>{@code EXAMPLES_CATALOG}: {@code <version>:<GetPrecompiledObjects JSON for all SDKs>};</li>
 *   <li>{@code SDKS_CATALOG}: {@code <version>:<JSON list of SDKs and default example names>};</li>
 *   <li>{@code DEFAULT_PRECOMPILED_OBJECTS}: hash, field = SDK name, value {@code <version>:<GetDefaultPrecompiledObject JSON>};</li>
 *   <li>{@code CATALOG_BUILD:<version>}: the fencing token of the instance whose turn it is to build that version's
 *       entry, expiring after {@code catalog.build-lease};</li>
 *   <li>{@code CATALOG_BUILD_FENCE}: the last fencing token given out (INCR); {@code CATALOG_ENTRY_TOKEN}: the
 *       token of the last entry written, below which entries are refused.</li>
 * </ul>
 * A value is used only when its version tag equals {@code CATALOG_VERSION}. Redis failures never fail a
 * request: the store is asked instead, Redis is left alone for {@code catalog.redis-retry-after}, and the
 * failure is logged at most once a minute. Only the loader's calls throw, so a load never ends unannounced.
 *
 * <p><b>Version lease.</b> A published version read by a GET sent at time t answers every request that
 * arrives before t + lease without another read. That stays exact because a version changes only through a
 * {@code loading} mark that is held at least the lease (measured on Redis's clock and on the writer's own)
 * before the new version is published: a load that completes after a request arrived cannot have been
 * announced before that request's lease began.
 */
@Singleton
@Requires(condition = RedisConfigured.class)
public class RedisCatalogCache implements CatalogCache {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCatalogCache.class);
    static final String VERSION = "CATALOG_VERSION";
    static final String EXAMPLES = "EXAMPLES_CATALOG";
    static final String SDKS = "SDKS_CATALOG";
    static final String DEFAULTS = "DEFAULT_PRECOMPILED_OBJECTS";
    static final String LOADING = "loading";
    static final String BUILD = "CATALOG_BUILD:";
    static final String FENCE = "CATALOG_BUILD_FENCE";
    static final String ENTRY_TOKEN = "CATALOG_ENTRY_TOKEN";
    /**
     * One attempt at a build turn: KEYS = EXAMPLES, CATALOG_BUILD:v, CATALOG_BUILD_FENCE, CATALOG_VERSION; ARGV = v,
     * lease ms, mode (read, claim, force). Returns 0 when the entry of v is there (and, for claim, a version is
     * published), -1 when another holds the turn, else the new fencing token, whose turn it now is.
     */
    private static final String TAKE_TURN = "if ARGV[3] ~= 'force' then "
            + "local head = redis.call('GETRANGE', KEYS[1], 0, 19) "
            + "if string.match(head, '^(%d+):') == ARGV[1] "
            + "and (ARGV[3] == 'read' or redis.call('EXISTS', KEYS[4]) == 1) then return 0 end "
            + "if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end end "
            + "local token = redis.call('INCR', KEYS[3]) "
            + "redis.call('SET', KEYS[2], token, 'PX', ARGV[2]) "
            + "return token";
    /** Ends a turn: KEYS[1] = CATALOG_BUILD:v, ARGV[1] = the holder's token; a successor's turn is kept. */
    private static final String END_TURN = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) end return 0";
    /**
     * Writes an entry at once, fenced: KEYS = EXAMPLES, SDKS, DEFAULTS, CATALOG_ENTRY_TOKEN, CATALOG_VERSION;
     * ARGV = version, token, ttl s, the value to publish if nothing is ("" = no claim), examples, sdks, then field and
     * value of each default. Returns 0, writing nothing, when a newer token or a newer version was written; else 1.
     */
    private static final String WRITE_FENCED = "local seen = tonumber(redis.call('GET', KEYS[4]) or '0') "
            + "local token = tonumber(ARGV[2]) "
            + "if token < seen then return 0 end "
            + "local head = redis.call('GETRANGE', KEYS[1], 0, 19) "
            + "if tonumber(string.match(head, '^(%d+):') or '0') > tonumber(ARGV[1]) then return 0 end "
            + "if token > seen then redis.call('SET', KEYS[4], ARGV[2]) end "
            + "redis.call('SET', KEYS[1], ARGV[5], 'EX', ARGV[3]) "
            + "redis.call('SET', KEYS[2], ARGV[6], 'EX', ARGV[3]) "
            + "if #ARGV > 6 then redis.call('HSET', KEYS[3], unpack(ARGV, 7)) "
            + "redis.call('EXPIRE', KEYS[3], ARGV[3]) end "
            + "if ARGV[4] ~= '' then redis.call('SET', KEYS[5], ARGV[4], 'NX') end "
            + "return 1";
    static final long MAX_LEASE_MS = CatalogConfiguration.MAX_VERSION_LEASE.toMillis();
    /** Longest a loader waits for its mark to age before giving up (a mark that keeps being replaced). */
    private static final Duration PUBLISH_DEADLINE = CatalogConfiguration.MAX_VERSION_LEASE.multipliedBy(3);
    /** Redis's clock in ms, and the lease a CATALOG_VERSION value promised (0 when none, capped). */
    private static final String LUA_HELPERS = "local t = redis.call('TIME') "
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
            + "local function leaseOf(v) if not v then return 0 end "
            + "local l = string.match(v, '^%d+:(%d+)$') or string.match(v, '^loading:%d+:(%d+)$') "
            + "if not l then return 0 end return math.min(tonumber(l), " + MAX_LEASE_MS + ") end ";
    /**
     * Marks a load: KEYS[1] = CATALOG_VERSION, ARGV[1] = the version expected ("*" = any value, "" = none),
     * ARGV[2] = this writer's lease ms. Returns the mark, or nil when the value is not the one expected.
     */
    private static final String MARK = LUA_HELPERS
            + "local cur = redis.call('GET', KEYS[1]) "
            + "if ARGV[1] == '' then if cur then return false end "
            + "elseif ARGV[1] ~= '*' and (not cur or string.match(cur, '^(%d+)') ~= ARGV[1]) then return false end "
            + "local mark = 'loading:' .. now .. ':' .. math.max(tonumber(ARGV[2]), leaseOf(cur)) "
            + "redis.call('SET', KEYS[1], mark) return mark";
    /**
     * Publishes after the mark's wait: KEYS[1] = CATALOG_VERSION, ARGV[1] = the value to publish, ARGV[2] = the mark
     * required ("" = any mark), ARGV[3] = this writer's lease ms. Returns 0 when published, -1 when the required mark
     * is gone, else the ms still to wait (a value that is no mark, e.g. after Redis was emptied, is marked anew).
     */
    private static final String PUBLISH_AFTER_MARK = LUA_HELPERS
            + "local cur = redis.call('GET', KEYS[1]) "
            + "if ARGV[2] ~= '' and cur ~= ARGV[2] then return -1 end "
            + "local since, wait = nil, nil "
            + "if cur then since, wait = string.match(cur, '^loading:(%d+):(%d+)$') end "
            + "if not since then local w = math.max(tonumber(ARGV[3]), leaseOf(cur)) "
            + "if w == 0 then redis.call('SET', KEYS[1], ARGV[1]) return 0 end "
            + "redis.call('SET', KEYS[1], 'loading:' .. now .. ':' .. w) return w end "
            + "local left = tonumber(since) + tonumber(wait) - now "
            + "if left > 0 then return left end "
            + "redis.call('SET', KEYS[1], ARGV[1]) return 0";

    private final BeanProvider<StatefulRedisConnection<String, String>> connection;
    private final Duration timeout;
    private final long retryAfterNanos;
    private final long ttlSeconds;
    private final long leaseMillis;
    private final long buildLeaseMillis;
    private final Pacer pacer;
    private final RateLimitedLog log = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private volatile long downUntil;
    /** Guards the version GET in flight and the one queued behind it. */
    private final Object flights = new Object();
    private RedisFuture<String> flying;
    private java.util.concurrent.CompletableFuture<Probe> queued;
    /** The last published version read, while its lease runs. */
    private volatile Lease lease;

    private record Lease(Probe probe, long sentAt, long nanos) {
        boolean covers(long now) {
            return now - sentAt < nanos;
        }
    }

    @Inject
    public RedisCatalogCache(BeanProvider<StatefulRedisConnection<String, String>> connection,
                             CatalogConfiguration configuration) {
        this(connection, configuration, Pacer.SYSTEM);
    }

    /** With the clock and pause of the lease and publish waits given (tests). */
    RedisCatalogCache(BeanProvider<StatefulRedisConnection<String, String>> connection,
                      CatalogConfiguration configuration, Pacer pacer) {
        this.connection = connection;
        this.timeout = configuration.getRedisTimeout();
        this.retryAfterNanos = configuration.getRedisRetryAfter().toNanos();
        this.ttlSeconds = Math.max(1, configuration.getRedisTtl().toSeconds());
        this.leaseMillis = configuration.getVersionLease().toMillis();
        this.buildLeaseMillis = Math.max(1, configuration.getBuildLease().toMillis());
        this.pacer = pacer;
        this.downUntil = pacer.nanoTime();
    }

    /**
     * Every request needs a version read that started less than its lease before it arrived (see the class
     * comment). Otherwise concurrent requests share one read: while a GET is in flight, newcomers wait for the
     * next one, started as soon as it lands. Redis sees at most one version GET per round trip however many
     * requests there are.
     */
    @Override
    public Probe probe() {
        Lease held = lease;
        if (held != null && held.covers(pacer.nanoTime())) {
            return held.probe();
        }
        return freshProbe();
    }

    @Override
    public Probe freshProbe() {
        if (pacer.nanoTime() - downUntil < 0) {
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
        long sentAt = pacer.nanoTime();
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
                Probe probe = version > 0 ? Probe.published(version) : Probe.LOADING;
                long leaseMs = version > 0 ? parseLease(value) : 0;
                lease = leaseMs > 0 ? new Lease(probe, sentAt, TimeUnit.MILLISECONDS.toNanos(leaseMs)) : null;
                target.complete(probe);
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
    public Turn takeTurn(long version, TurnMode mode) {
        if (pacer.nanoTime() - downUntil < 0) {
            return Turn.NO_LOCK;
        }
        try {
            Long answer = await(commands().eval(TAKE_TURN, ScriptOutputType.INTEGER,
                    new String[] {EXAMPLES, buildKey(version), FENCE, VERSION}, Long.toString(version),
                    Long.toString(buildLeaseMillis), mode.name().toLowerCase(Locale.ROOT)));
            if (answer == null) {
                return Turn.NO_LOCK;
            }
            return answer == 0 ? Turn.READY : answer < 0 ? Turn.HELD : Turn.mine(answer);
        } catch (RuntimeException | TimeoutException e) {
            failed(e);
            return Turn.NO_LOCK;
        }
    }

    @Override
    public void endTurn(long version, long token) {
        if (token <= 0) {
            return;
        }
        try {
            await(commands().eval(END_TURN, ScriptOutputType.INTEGER, new String[] {buildKey(version)},
                    Long.toString(token)));
        } catch (RuntimeException | TimeoutException e) {
            failed(e); // the turn's lease ends it
        }
    }

    @Override
    public Written write(long version, Entry entry, long token, boolean claim) {
        if (pacer.nanoTime() - downUntil < 0) {
            return Written.NOT_STORED;
        }
        List<String> args = new ArrayList<>(List.of(Long.toString(version),
                Long.toString(token), Long.toString(ttlSeconds), claim ? published(version) : "",
                tagged(version, entry.examples()), version + ":" + entry.sdks()));
        entry.defaults().forEach((sdk, body) -> {
            args.add(sdk.name());
            args.add(tagged(version, body));
        });
        try {
            Long stored = await(commands().eval(WRITE_FENCED, ScriptOutputType.INTEGER,
                    new String[] {EXAMPLES, SDKS, DEFAULTS, ENTRY_TOKEN, VERSION}, args.toArray(String[]::new)));
            return stored != null && stored == 1 ? Written.STORED : Written.REFUSED;
        } catch (RuntimeException | TimeoutException e) {
            failed(e);
            return Written.NOT_STORED;
        }
    }

    /** The key of a version's build turn: made of a number only. */
    private static String buildKey(long version) {
        return BUILD + version;
    }

    @Override
    public void beginLoad() {
        mark("*");
    }

    /** Publishes once the load's mark has been held for the longest lease a reader may hold. */
    @Override
    public void publish(long version) {
        publishAfter(null, published(version));
    }

    /**
     * Compare-and-set in scripts, so a load that began after {@code seen} is never overwritten: the version seen is
     * replaced by a mark of this writer's own, and the new version is published only over that very mark.
     */
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
        String mark = mark(expected);
        return mark != null && publishAfter(mark, published(version));
    }

    /** Sets a {@code loading} mark over the value expected; returns it, or null when the value was another. */
    private String mark(String expected) {
        try {
            return await(commands().eval(MARK, ScriptOutputType.VALUE, new String[] {VERSION}, expected,
                    Long.toString(leaseMillis)));
        } catch (RuntimeException | TimeoutException e) {
            throw unreachable(e);
        }
    }

    /**
     * Waits out the mark ({@code requiredMark}, or whichever is there when null), then publishes {@code value}.
     * The wait is also timed on this process's clock from each answer, in case Redis's clock steps.
     *
     * @return false when the required mark was replaced (a load began meanwhile)
     */
    private boolean publishAfter(String requiredMark, String value) {
        long deadline = pacer.nanoTime() + PUBLISH_DEADLINE.toNanos();
        while (true) {
            Long left;
            try {
                left = await(commands().eval(PUBLISH_AFTER_MARK, ScriptOutputType.INTEGER, new String[] {VERSION},
                        value, requiredMark == null ? "" : requiredMark, Long.toString(leaseMillis)));
            } catch (RuntimeException | TimeoutException e) {
                throw unreachable(e);
            }
            if (left == null || left < 0) {
                return false;
            }
            if (left == 0) {
                return true;
            }
            if (pacer.nanoTime() - deadline > 0) {
                throw new UnavailableException("the catalog version could not be published: its loading mark kept"
                        + " being replaced; run the load again", Duration.ofSeconds(5), null);
            }
            try {
                pacer.pause(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("interrupted while publishing the catalog version; run the load again",
                        Duration.ofSeconds(5), e);
            }
        }
    }

    private static UnavailableException unreachable(Exception e) {
        return new UnavailableException("the catalog cache (Redis) cannot be reached; nothing was published by this"
                + " step, run the load again", Duration.ofSeconds(5), e);
    }

    /** A published CATALOG_VERSION value: the version, and the lease readers may hold it for. */
    private String published(long version) {
        return leaseMillis > 0 ? version + ":" + leaseMillis : Long.toString(version);
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
        downUntil = pacer.nanoTime() + retryAfterNanos;
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

    /** The lease (ms) a published CATALOG_VERSION value grants; 0 when it grants none. */
    static long parseLease(String value) {
        int colon = value.indexOf(':');
        String digits = colon < 0 ? "" : value.substring(colon + 1);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Math.min(Long.parseLong(digits), MAX_LEASE_MS);
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
