package dev.beamplayground.visit.redis;

/**
 * The visit buffer's Lua scripts. KEYS are always {@link RedisVisitBuffer#KEYS}: the live counts and last
 * visits, the frozen batch's counts, last visits and meta hash, and the batch counter. All share one hash tag,
 * so each script is one atomic step also on a cluster.
 */
final class VisitScripts {
    private VisitScripts() {
    }

    /** ARGV: snippet id, visit time (epoch ms). The last visit only moves forward (instances' clocks differ). */
    static final String RECORD = """
            redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
            if tonumber(ARGV[2]) > last then redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) end
            return {1}
            """;

    /**
     * ARGV: chunk size. Answers the unfinished batch {id, chunk size} if there is one; else freezes the live
     * counts as a new batch (RENAME: O(1), and visits go on into a new live hash); {} when nothing was counted.
     */
    static final String CLAIM = """
            local id = redis.call('HGET', KEYS[5], 'id')
            if id then return {id, redis.call('HGET', KEYS[5], 'chunk')} end
            if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
            id = tostring(redis.call('INCR', KEYS[6]))
            redis.call('RENAME', KEYS[1], KEYS[3])
            if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[4]) end
            redis.call('HSET', KEYS[5], 'id', id, 'chunk', ARGV[1])
            return {id, ARGV[1]}
            """;

    /** ARGV: batch id. Drops the batch if it is still the current one; answers {1} dropped, {0} not. */
    static final String FINISH = """
            if redis.call('HGET', KEYS[5], 'id') ~= ARGV[1] then return {0} end
            redis.call('DEL', KEYS[3], KEYS[4], KEYS[5])
            return {1}
            """;

    /** ARGV: snippet ids. Answers those with live or frozen counts. */
    static final String PENDING = """
            local found = {}
            for i = 1, #ARGV do
              if redis.call('HEXISTS', KEYS[1], ARGV[i]) == 1 or redis.call('HEXISTS', KEYS[3], ARGV[i]) == 1 then
                found[#found + 1] = ARGV[i]
              end
            end
            return found
            """;
}
