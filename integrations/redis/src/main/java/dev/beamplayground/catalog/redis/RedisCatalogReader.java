package dev.beamplayground.catalog.redis;

import static dev.beamplayground.catalog.redis.CatalogKeys.DEFAULTS;
import static dev.beamplayground.catalog.redis.CatalogKeys.ENTRY_TOKEN;
import static dev.beamplayground.catalog.redis.CatalogKeys.EXAMPLES;
import static dev.beamplayground.catalog.redis.CatalogKeys.FENCE;
import static dev.beamplayground.catalog.redis.CatalogKeys.SDKS;
import static dev.beamplayground.catalog.redis.CatalogKeys.VERSION;
import static dev.beamplayground.catalog.redis.CatalogKeys.buildKey;
import static dev.beamplayground.catalog.redis.CatalogKeys.parseLease;
import static dev.beamplayground.catalog.redis.CatalogKeys.parseVersion;

import dev.beamplayground.catalog.CatalogCache.Entry;
import dev.beamplayground.catalog.CatalogCache.Probe;
import dev.beamplayground.catalog.CatalogCache.Turn;
import dev.beamplayground.catalog.CatalogCache.TurnMode;
import dev.beamplayground.catalog.CatalogCache.Written;
import dev.beamplayground.catalog.Pacer;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.redis.RateLimitedLog;
import dev.beamplayground.redis.RedisFailures;
import dev.beamplayground.redis.RedisUnavailableException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog cache as a request sees it: the version probe with its lease, the entry read, the build turn and the
 * entry write. Its one error policy: a request never fails because of the cache. Any Redis failure answers "ask the
 * store" (UNAVAILABLE, empty, NO_LOCK, NOT_STORED), and Redis is left alone for {@code catalog.redis-retry-after}.
 * {@link RedisFailures} tells the two kinds apart for the log: Redis unreachable is a warning, anything else (a
 * script error, a wrong type) is a fault of ours, logged as an error with its stack; each at most once a minute.
 */
final class RedisCatalogReader {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCatalogCache.class);
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
    private static final String VERSION_READ = "catalog version read";

    private final CatalogRedis redis;
    private final long retryAfterNanos;
    private final long ttlSeconds;
    private final long leaseMillis;
    private final long buildLeaseMillis;
    private final Pacer pacer;
    private final RateLimitedLog unreachable = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private final RateLimitedLog faults = new RateLimitedLog(LOG, Duration.ofMinutes(1));
    private volatile long downUntil;
    /** Guards the version GET in flight and the one queued behind it. */
    private final Object flights = new Object();
    private RedisFuture<String> flying;
    private CompletableFuture<Probe> queued;
    /** The last published version read, while its lease runs. */
    private volatile Lease lease;

    private record Lease(Probe probe, long sentAt, long nanos) {
        boolean covers(long now) {
            return now - sentAt < nanos;
        }
    }

    RedisCatalogReader(CatalogRedis redis, Duration retryAfter, Duration ttl, Duration versionLease,
                       Duration buildLease, Pacer pacer) {
        this.redis = redis;
        this.retryAfterNanos = retryAfter.toNanos();
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
        this.leaseMillis = versionLease.toMillis();
        this.buildLeaseMillis = Math.max(1, buildLease.toMillis());
        this.pacer = pacer;
        this.downUntil = pacer.nanoTime();
    }

    /**
     * Every request needs a version read that started less than its lease before it arrived (see
     * {@link RedisCatalogCache}). Otherwise concurrent requests share one read: while a GET is in flight, newcomers
     * wait for the next one, started as soon as it lands. Redis sees at most one version GET per round trip however
     * many requests there are.
     */
    Probe probe() {
        Lease held = lease;
        if (held != null && held.covers(pacer.nanoTime())) {
            return held.probe();
        }
        return freshProbe();
    }

    Probe freshProbe() {
        if (down()) {
            return Probe.UNAVAILABLE;
        }
        CompletableFuture<Probe> mine;
        synchronized (flights) {
            if (flying != null) {
                if (queued == null) {
                    queued = new CompletableFuture<>();
                }
                mine = queued;
            } else {
                mine = new CompletableFuture<>();
                launch(mine);
            }
        }
        try {
            // Up to two round trips: the flight in the air, then the one started for this request.
            return mine.get(2 * redis.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.UNAVAILABLE;
        } catch (ExecutionException | TimeoutException e) {
            synchronized (flights) {
                if (flying != null) {
                    flying.cancel(true); // lands at once, so the next request starts afresh
                }
            }
            failed(RedisFailures.translate(VERSION_READ, e));
            return Probe.UNAVAILABLE;
        }
    }

    /** Starts a version GET answering {@code target}; called holding {@link #flights}, with nothing in flight. */
    private void launch(CompletableFuture<Probe> target) {
        long sentAt = pacer.nanoTime();
        RedisFuture<String> get;
        try {
            get = redis.call(VERSION_READ, () -> redis.commands().get(VERSION));
        } catch (PlaygroundException e) {
            failed(e);
            target.complete(Probe.UNAVAILABLE);
            return;
        }
        flying = get;
        get.whenComplete((value, error) -> {
            if (error instanceof CancellationException) {
                target.complete(Probe.UNAVAILABLE); // cancelled by a waiter that timed out and recorded the failure
            } else if (error != null) {
                failed(RedisFailures.translate(VERSION_READ, error));
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
                    CompletableFuture<Probe> next = queued;
                    queued = null;
                    launch(next);
                }
            }
        });
    }

    Optional<Entry> read(long version) {
        try {
            return redis.call("catalog entry read", () -> {
                RedisAsyncCommands<String, String> commands = redis.commands();
                RedisFuture<String> examples = commands.get(EXAMPLES);
                RedisFuture<String> sdks = commands.get(SDKS);
                RedisFuture<Map<String, String>> defaults = commands.hgetall(DEFAULTS);
                String examplesValue = redis.await(examples);
                if (examplesValue == null || parseVersion(examplesValue) != version) {
                    return Optional.empty();
                }
                String sdksValue = redis.await(sdks);
                Map<Sdk, byte[]> defaultBodies = new EnumMap<>(Sdk.class);
                for (Map.Entry<String, String> field : redis.await(defaults).entrySet()) {
                    if (parseVersion(field.getValue()) == version) {
                        sdkNamed(field.getKey()).ifPresent(sdk -> defaultBodies.put(sdk, payload(field.getValue())));
                    }
                }
                return Optional.of(new Entry(payload(examplesValue),
                        sdksValue != null && parseVersion(sdksValue) == version
                                ? new String(payload(sdksValue), StandardCharsets.UTF_8) : "",
                        defaultBodies));
            });
        } catch (PlaygroundException e) {
            failed(e);
            return Optional.empty();
        }
    }

    Turn takeTurn(long version, TurnMode mode) {
        if (down()) {
            return Turn.NO_LOCK;
        }
        try {
            Long answer = redis.call("catalog build turn", () -> redis.await(redis.commands().eval(TAKE_TURN,
                    ScriptOutputType.INTEGER, new String[] {EXAMPLES, buildKey(version), FENCE, VERSION},
                    Long.toString(version), Long.toString(buildLeaseMillis), mode.name().toLowerCase(Locale.ROOT))));
            if (answer == null) {
                return Turn.NO_LOCK;
            }
            return answer == 0 ? Turn.READY : answer < 0 ? Turn.HELD : Turn.mine(answer);
        } catch (PlaygroundException e) {
            failed(e);
            return Turn.NO_LOCK;
        }
    }

    void endTurn(long version, long token) {
        if (token <= 0) {
            return;
        }
        try {
            redis.call("catalog build turn end", () -> redis.await(redis.commands().eval(END_TURN,
                    ScriptOutputType.INTEGER, new String[] {buildKey(version)}, Long.toString(token))));
        } catch (PlaygroundException e) {
            failed(e); // the turn's lease ends it
        }
    }

    Written write(long version, Entry entry, long token, boolean claim) {
        if (down()) {
            return Written.NOT_STORED;
        }
        List<String> args = new ArrayList<>(List.of(Long.toString(version), Long.toString(token),
                Long.toString(ttlSeconds), claim ? CatalogKeys.published(version, leaseMillis) : "",
                tagged(version, entry.examples()), version + ":" + entry.sdks()));
        entry.defaults().forEach((sdk, body) -> {
            args.add(sdk.name());
            args.add(tagged(version, body));
        });
        try {
            Long stored = redis.call("catalog entry write", () -> redis.await(redis.commands().eval(WRITE_FENCED,
                    ScriptOutputType.INTEGER, new String[] {EXAMPLES, SDKS, DEFAULTS, ENTRY_TOKEN, VERSION},
                    args.toArray(String[]::new))));
            return stored != null && stored == 1 ? Written.STORED : Written.REFUSED;
        } catch (PlaygroundException e) {
            failed(e);
            return Written.NOT_STORED;
        }
    }

    private boolean down() {
        return pacer.nanoTime() - downUntil < 0;
    }

    /** The fallback's bookkeeping: Redis is left alone for a while, and the failure is logged by its kind. */
    private void failed(PlaygroundException e) {
        downUntil = pacer.nanoTime() + retryAfterNanos;
        if (e instanceof RedisUnavailableException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            unreachable.warn("the catalog cache (Redis) cannot be reached ({}: {}); serving the catalog from the"
                    + " store", cause);
        } else {
            faults.error("the catalog cache (Redis) failed; serving the catalog from the store", e);
        }
    }

    private static String tagged(long version, byte[] json) {
        return version + ":" + new String(json, StandardCharsets.UTF_8);
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
