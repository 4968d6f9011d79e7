package dev.beamplayground.pipeline.redis;

/**
 * The Lua scripts of the pipeline store. Each runs atomically in Redis and costs O(bytes it moves):
 * none reads an output it does not answer, none rewrites one. KEYS are always {@link PipelineKeys#all}
 * (the hash first) unless said otherwise; the TTL is in milliseconds.
 */
final class Scripts {
    private Scripts() {
    }

    /** Refreshes the expiry of every key of the pipeline: a missing key costs nothing. */
    private static final String TOUCH_ALL = """
            for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
            """;

    /** ARGV: ttl, status. */
    static final String SET_STATUS = """
            redis.call('HSET', KEYS[1], 'STATUS', ARGV[2])
            """ + TOUCH_ALL + "return 1";

    /**
     * ARGV: ttl, index of the output's key, its subkey, text, bytes per output, bytes per pipeline, the output
     * marker line, the pipeline marker line. Answers {new length, bytes dropped from this output so far}.
     * The hash keeps {@code STORED_BYTES} (all outputs' bytes) and, once an output is cut,
     * {@code <subkey>_DROPPED}: from then on an append only adds to that count (and refreshes the expiry: the
     * run is alive). A cut keeps the text's first bytes up to the limit, on a character boundary, then one
     * marker line (on a line of its own).
     */
    static final String APPEND = """
            local k = KEYS[tonumber(ARGV[2])]
            local text = ARGV[4]
            local droppedField = ARGV[3] .. '_DROPPED'
            local length = redis.call('STRLEN', k)
            if redis.call('HEXISTS', KEYS[1], droppedField) == 1 then
              local dropped = redis.call('HINCRBY', KEYS[1], droppedField, #text)
            """ + TOUCH_ALL + """
              return {length, dropped}
            end
            local total = tonumber(redis.call('HGET', KEYS[1], 'STORED_BYTES') or '0')
            local outputRoom = tonumber(ARGV[5]) - length
            local pipelineRoom = tonumber(ARGV[6]) - total
            local room = math.min(outputRoom, pipelineRoom)
            local dropped = 0
            if #text > room then
              local cut = math.max(room, 0)
              while cut > 0 do
                local c = text:byte(cut + 1)
                if c < 128 or c >= 192 then break end
                cut = cut - 1
              end
              local kept = string.sub(text, 1, cut)
              local marker = ARGV[7]
              if pipelineRoom < outputRoom then marker = ARGV[8] end
              local last = kept:sub(-1)
              if #kept == 0 and length > 0 then last = redis.call('GETRANGE', k, -1, -1) end
              if last ~= '' and last ~= '\\n' then marker = '\\n' .. marker end
              dropped = #text - cut
              text = kept .. marker
              redis.call('HSET', KEYS[1], droppedField, dropped)
            end
            length = redis.call('APPEND', k, text)
            redis.call('HINCRBY', KEYS[1], 'STORED_BYTES', #text)
            redis.call('HSET', KEYS[1], ARGV[3], k)
            """ + TOUCH_ALL + "return {length, dropped}";

    /** ARGV: ttl, index of the output's key, its subkey, text. */
    static final String PUT = """
            local k = KEYS[tonumber(ARGV[2])]
            redis.call('SET', k, ARGV[4])
            redis.call('HSET', KEYS[1], ARGV[3], k)
            """ + TOUCH_ALL + "return 1";

    /** ARGV: ttl, channel. Answers 0 unknown, 1 already set, 2 set now (and published). */
    static final String MARK_CANCELED = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            if redis.call('HSETNX', KEYS[1], 'CANCELED', '1') == 0 then return 1 end
            redis.call('PUBLISH', ARGV[2], '1')
            """ + TOUCH_ALL + "return 2";

    /** KEYS: the hash. Answers {0} unknown, or {1, status or false, canceled or false}. */
    static final String STATE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            local v = redis.call('HMGET', KEYS[1], 'STATUS', 'CANCELED')
            return {1, v[1], v[2]}
            """;

    /**
     * A page of an output from an offset: at most max bytes, starting after any continuation bytes
     * (an offset inside a character) and, when cut, ending before an incomplete character.
     * Local variables in, {@code page, nextOffset} out.
     */
    private static final String PAGE = """
            local function page(k, from, max)
              local length = redis.call('STRLEN', k)
              if from > length then return nil, from, length end
              local to = from + max - 1
              if to > length - 1 then to = length - 1 end
              if to < from then return '', from, length end
              local s = redis.call('GETRANGE', k, from, to)
              local a = 1
              while a <= #s and a <= 3 do
                local c = s:byte(a)
                if c < 128 or c >= 192 then break end
                a = a + 1
              end
              local b = #s
              if to < length - 1 then
                local i = #s
                while i >= a and i > #s - 4 do
                  local c = s:byte(i)
                  if c < 128 then break end
                  if c >= 192 then
                    local need = 2
                    if c >= 240 then need = 4 elseif c >= 224 then need = 3 end
                    if #s - i + 1 < need then b = i - 1 end
                    break
                  end
                  i = i - 1
                end
              end
              return string.sub(s, a, b), from + b, length
            end
            """;

    /**
     * KEYS: the hash, the output's key. ARGV: offset, max. Answers {0} unknown, {2, length} offset
     * past the end, or {1, text, nextOffset, length}.
     */
    static final String READ = PAGE + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            local text, nextOffset, length = page(KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]))
            if text == nil then return {2, length} end
            return {1, text, nextOffset, length}
            """;

    /**
     * Beam's GetRunOutput. KEYS: the hash, the run output's key. ARGV: max. Reads from
     * RUN_OUTPUT_INDEX and moves it past what is answered; the expiry is left alone (a read is not a
     * write). Answers {0} unknown or {1, text, nextOffset, length}.
     */
    static final String READ_SINCE_INDEX = PAGE + """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            local from = tonumber(redis.call('HGET', KEYS[1], 'RUN_OUTPUT_INDEX') or '0')
            local text, nextOffset, length = page(KEYS[2], from, tonumber(ARGV[1]))
            if text == nil then
              text, nextOffset = '', length
            end
            redis.call('HSET', KEYS[1], 'RUN_OUTPUT_INDEX', nextOffset)
            return {1, text, nextOffset, length}
            """;
}
