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
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.redis.RateLimitedLog;
import dev.beamplayground.redis.RedisFailures;
import dev.beamplayground.redis.RedisUnavailableException;
import dev.beamplayground.time.Pacer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private Flight flying;
    private Flight queued;
    /** The last published version read, while its lease runs. */
    private volatile Lease lease;

    /** One version GET and its answer, shared by every request that waits for it. */
    private static final class Flight {
        final CompletableFuture<Probe> answer = new CompletableFuture<>();
        /** Whether a request sends it; guarded by {@link #flights}. */
        boolean led;
    }

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
        Flight mine;
        Flight ahead = null;
        synchronized (flights) {
            if (flying == null) {
                flying = new Flight();
            }
            if (!flying.led) { // a new one, or one whose waiters gave up before it could be sent
                mine = flying;
                mine.led = true;
            } else {
                ahead = flying;
                if (queued == null) {
                    queued = new Flight();
                }
                mine = queued;
            }
        }
        long waitMillis = redis.timeout().toMillis();
        try {
            if (ahead != null) {
                // Up to two round trips: the flight in the air, then the one sent for the requests queued behind it,
                // by the first of them to see it in the air.
                ahead.answer.get(waitMillis, TimeUnit.MILLISECONDS);
                boolean lead;
                synchronized (flights) {
                    lead = flying == mine && !mine.led;
                    mine.led |= lead;
                }
                if (!lead) {
                    return mine.answer.get(waitMillis, TimeUnit.MILLISECONDS);
                }
            }
            return fly(mine);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.UNAVAILABLE;
        } catch (ExecutionException | TimeoutException e) {
            // A flight this request waited for is late: the store answers this one; whoever sends it records
            // how it ends (a first connect may take longer than a read, and is no outage).
            return Probe.UNAVAILABLE;
        }
    }

    /** Sends the version GET of {@code flight}, then hands the air to the flight queued behind it. */
    private Probe fly(Flight flight) {
        long sentAt = pacer.nanoTime();
        Probe probe;
        try {
            String value = redis.call(VERSION_READ, commands -> commands.get(VERSION));
            if (value == null) {
                probe = Probe.ABSENT;
            } else {
                long version = parseVersion(value);
                // "loading", or anything this code did not write: only the store can tell.
                probe = version > 0 ? Probe.published(version) : Probe.LOADING;
                long leaseMs = version > 0 ? parseLease(value) : 0;
                lease = leaseMs > 0 ? new Lease(probe, sentAt, TimeUnit.MILLISECONDS.toNanos(leaseMs)) : null;
            }
        } catch (PlaygroundException e) {
            failed(e);
            probe = Probe.UNAVAILABLE;
        }
        synchronized (flights) {
            flying = queued;
            queued = null;
        }
        flight.answer.complete(probe);
        return probe;
    }

    Optional<Entry> read(long version) {
        try {
            return redis.call("catalog entry read", commands -> {
                List<Object> answers = commands.batch().get(EXAMPLES).get(SDKS).hgetAll(DEFAULTS).answers(); // one trip
                String examplesValue = (String) answers.get(0);
                String sdksValue = (String) answers.get(1);
                @SuppressWarnings("unchecked")
                Map<String, String> defaults = (Map<String, String>) answers.get(2);
                if (examplesValue == null || parseVersion(examplesValue) != version) {
                    return Optional.empty();
                }
                Map<Sdk, byte[]> defaultBodies = new EnumMap<>(Sdk.class);
                for (Map.Entry<String, String> field : defaults.entrySet()) {
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
            Long answer = (Long) redis.eval("catalog build turn", TAKE_TURN,
                    new String[] {EXAMPLES, buildKey(version), FENCE, VERSION}, Long.toString(version),
                    Long.toString(buildLeaseMillis), mode.name().toLowerCase(Locale.ROOT));
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
            redis.eval("catalog build turn end", END_TURN, new String[] {buildKey(version)}, Long.toString(token));
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
            Long stored = (Long) redis.eval("catalog entry write", WRITE_FENCED,
                    new String[] {EXAMPLES, SDKS, DEFAULTS, ENTRY_TOKEN, VERSION}, args.toArray(String[]::new));
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
