package dev.beamplayground.visit.redis;

import dev.beamplayground.redis.RateLimitedLog;
import dev.beamplayground.redis.RedisCommands.ScanPage;
import dev.beamplayground.redis.RedisConnections;
import dev.beamplayground.redis.ScriptRunner;
import dev.beamplayground.store.VisitLedger.Visits;
import dev.beamplayground.visit.VisitBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The visit buffer in Redis: {@code HINCRBY} of the snippet's field in one hash and its last visit in another,
 * one script call per visit (O(1), no contention however hot the snippet). A batch is frozen with
 * {@code RENAME}. Without persistence on the Redis side (Memorystore basic tier), visits not yet flushed are
 * lost with a restart of Redis; they are counters, not user data.
 */
public final class RedisVisitBuffer implements VisitBuffer {
    private static final String TAG = "{pg_visits}";
    static final String[] KEYS = {TAG + ":count", TAG + ":last", TAG + ":batch:count", TAG + ":batch:last",
            TAG + ":batch:meta", TAG + ":seq"};
    /** Ids per PENDING call, and fields per HSCAN step. */
    private static final int STEP = 1000;

    private static final RateLimitedLog VISIT_LOST =
            new RateLimitedLog(LoggerFactory.getLogger(RedisVisitBuffer.class), Duration.ofMinutes(1));

    private final ScriptRunner scripts;

    public RedisVisitBuffer(Supplier<RedisConnections> connections) {
        this.scripts = new ScriptRunner(connections);
    }

    @Override
    public void record(String snippetId, Instant at) {
        try {
            scripts.run("count a visit", VisitScripts.RECORD, KEYS, snippetId, Long.toString(at.toEpochMilli()));
        } catch (RuntimeException e) {
            VISIT_LOST.warn("visit not counted, the visit buffer failed: {} {}", e);
        }
    }

    @Override
    public Optional<Batch> claim(int chunkSize) {
        List<Object> reply = scripts.run("claim buffered visits", VisitScripts.CLAIM, KEYS, Integer.toString(chunkSize));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Batch(Long.parseLong(text(reply.get(0))), Integer.parseInt(text(reply.get(1)))));
    }

    @Override
    public SortedMap<String, Visits> entries(Batch batch) {
        Map<String, String> counts = scan(KEYS[2]);
        Map<String, String> last = scan(KEYS[3]);
        SortedMap<String, Visits> entries = new TreeMap<>();
        counts.forEach((id, count) -> {
            long n = Long.parseLong(count);
            if (n > 0) {
                entries.put(id, new Visits(n, Instant.ofEpochMilli(Long.parseLong(last.getOrDefault(id, "0")))));
            }
        });
        return entries;
    }

    @Override
    public boolean finish(Batch batch) {
        List<Object> reply = scripts.run("drop a flushed batch", VisitScripts.FINISH, KEYS, Long.toString(batch.id()));
        return ((Number) reply.get(0)).longValue() == 1;
    }

    @Override
    public Set<String> withPendingVisits(Collection<String> snippetIds) {
        List<String> ids = List.copyOf(snippetIds);
        Set<String> found = new HashSet<>();
        for (int from = 0; from < ids.size(); from += STEP) {
            String[] step = ids.subList(from, Math.min(ids.size(), from + STEP)).toArray(String[]::new);
            for (Object id : scripts.run("check buffered visits", VisitScripts.PENDING, KEYS, step)) {
                found.add(text(id));
            }
        }
        return found;
    }

    private Map<String, String> scan(String key) {
        Map<String, String> all = new java.util.HashMap<>();
        String cursor = ScanPage.START;
        do {
            String from = cursor;
            ScanPage page = scripts.call("read buffered visits", commands -> commands.hscan(key, from, STEP));
            all.putAll(page.fields());
            cursor = page.cursor();
        } while (!ScanPage.START.equals(cursor));
        return all;
    }

    private static String text(Object value) {
        return value instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
