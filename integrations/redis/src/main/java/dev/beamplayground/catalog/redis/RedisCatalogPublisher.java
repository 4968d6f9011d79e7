package dev.beamplayground.catalog.redis;

import static dev.beamplayground.catalog.redis.CatalogKeys.VERSION;

import dev.beamplayground.catalog.CatalogCache.Probe;
import dev.beamplayground.config.CatalogConfiguration;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.redis.RedisFailures;
import dev.beamplayground.time.Pacer;
import java.time.Duration;

/**
 * The loader's side of the catalog cache: the {@code loading} mark and the publication of a version. Its one error
 * policy: every failure is thrown, translated by {@link RedisFailures} (503 when Redis cannot be reached, 500
 * otherwise), so a load never ends unannounced and its caller runs it again.
 *
 * <p>The version lease (see {@link RedisCatalogCache}) holds because a version changes only through a mark held at
 * least the lease, measured on Redis's clock and on this process's own, before the new version is published.
 */
final class RedisCatalogPublisher {
    /** Longest a loader waits for its mark to age before giving up (a mark that keeps being replaced). */
    private static final Duration PUBLISH_DEADLINE = CatalogConfiguration.MAX_VERSION_LEASE.multipliedBy(3);
    /** Redis's clock in ms, and the lease a CATALOG_VERSION value promised (0 when none, capped). */
    private static final String LUA_HELPERS = "local t = redis.call('TIME') "
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
            + "local function leaseOf(v) if not v then return 0 end "
            + "local l = string.match(v, '^%d+:(%d+)$') or string.match(v, '^loading:%d+:(%d+)$') "
            + "if not l then return 0 end return math.min(tonumber(l), " + CatalogKeys.MAX_LEASE_MS + ") end ";
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

    private final CatalogRedis redis;
    private final long leaseMillis;
    private final Pacer pacer;

    RedisCatalogPublisher(CatalogRedis redis, Duration versionLease, Pacer pacer) {
        this.redis = redis;
        this.leaseMillis = versionLease.toMillis();
        this.pacer = pacer;
    }

    void beginLoad() {
        mark("*");
    }

    /** Publishes once the load's mark has been held for the longest lease a reader may hold. */
    void publish(long version) {
        publishAfter(null, CatalogKeys.published(version, leaseMillis));
    }

    /**
     * Compare-and-set in scripts, so a load that began after {@code seen} is never overwritten: the version seen is
     * replaced by a mark of this writer's own, and the new version is published only over that very mark.
     */
    boolean publishIfUnchanged(Probe seen, long version) {
        String expected = switch (seen.state()) {
            case PUBLISHED -> Long.toString(seen.version());
            case ABSENT -> "";
            default -> null;
        };
        if (expected == null) {
            return false;
        }
        String mark = mark(expected);
        return mark != null && publishAfter(mark, CatalogKeys.published(version, leaseMillis));
    }

    /** Sets a {@code loading} mark over the value expected; returns it, or null when the value was another. */
    private String mark(String expected) {
        return (String) redis.eval("catalog load mark", MARK, new String[] {VERSION}, expected,
                Long.toString(leaseMillis));
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
            Long left = (Long) redis.eval("catalog version publish", PUBLISH_AFTER_MARK, new String[] {VERSION}, value,
                    requiredMark == null ? "" : requiredMark, Long.toString(leaseMillis));
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
}
