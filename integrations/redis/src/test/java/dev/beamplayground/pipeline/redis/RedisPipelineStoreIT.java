package dev.beamplayground.pipeline.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.pipeline.Appended;
import dev.beamplayground.pipeline.OutputLimits;
import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineStoreContract;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.redis.RedisUnavailableException;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract against a real redis-server, through the Micronaut wiring the functions use. */
@ExtendWith(RedisServerExtension.class)
class RedisPipelineStoreIT extends PipelineStoreContract {
    private static RedisServer redis;
    private static ApplicationContext context;
    private static final List<ApplicationContext> OTHERS = new ArrayList<>();

    @BeforeAll
    static void start(RedisServer server) {
        redis = server;
        context = ApplicationContext.run(Map.of("redis.uri", server.uri()));
    }

    @AfterAll
    static void stop() {
        OTHERS.forEach(ApplicationContext::close);
        context.close();
    }

    @Override
    protected PipelineStore store() {
        return context.getBean(PipelineStore.class);
    }

    @Override
    protected PipelineStore storeWithTtl(Duration ttl) {
        ApplicationContext other = ApplicationContext.run(Map.of("redis.uri", redis.uri(),
                "pipeline.ttl", ttl.toMillis() + "ms"));
        OTHERS.add(other);
        return other.getBean(PipelineStore.class);
    }

    @Override
    protected PipelineStore storeWithLimits(OutputLimits limits) {
        ApplicationContext other = ApplicationContext.run(Map.of("redis.uri", redis.uri(),
                "pipeline.max-output-bytes", Long.toString(limits.perOutput()),
                "pipeline.max-pipeline-bytes", Long.toString(limits.perPipeline())));
        OTHERS.add(other);
        return other.getBean(PipelineStore.class);
    }

    /** A runner that keeps printing past the limit: Redis's memory stays where the cut left it. */
    @Test
    void redisMemoryStopsGrowingOnceAnOutputIsCut() {
        PipelineStore store = storeWithLimits(new OutputLimits(64 * 1024, 1024 * 1024));
        PipelineUuid uuid = newUuid();
        String kilobyte = "y".repeat(1023) + "\n";
        for (int i = 0; i < 100; i++) {
            store.append(uuid, Output.RUN_OUTPUT, kilobyte);
        }
        String key = PipelineKeys.output(uuid, Output.RUN_OUTPUT);
        long keyBytes = integer(redis.command("MEMORY", "USAGE", key));
        long used = usedMemory();
        Appended last = null;
        for (int i = 0; i < 10_000; i++) { // 10 MB more
            last = store.append(uuid, Output.RUN_OUTPUT, kilobyte);
        }
        assertEquals(36 * 1024 + 10_000 * 1024, last.droppedBytes());
        assertEquals(keyBytes, integer(redis.command("MEMORY", "USAGE", key)));
        long growth = usedMemory() - used;
        assertTrue(growth < 256 * 1024, "used_memory grew by " + growth + " bytes");
        // 64 whole lines fill the limit: the marker follows them, on its own line.
        assertEquals(64 * 1024 + new OutputLimits(64 * 1024, 1024 * 1024).outputMarker().length(),
                integer(redis.command("STRLEN", key)));
    }

    private static long integer(String reply) {
        return Long.parseLong(reply.substring(1).strip());
    }

    private static long usedMemory() {
        for (String line : redis.command("INFO", "memory").split("\\R")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).strip());
            }
        }
        throw new AssertionError("no used_memory in INFO");
    }

    /** Time passing as Redis sees it: each key's remaining expiry shortened, the key gone when none remains. */
    @Override
    protected void elapse(PipelineUuid uuid, Duration time) {
        for (String key : PipelineKeys.all(uuid)) {
            long left = integer(redis.command("PTTL", key));
            if (left == -2) {
                continue; // not written
            }
            assertTrue(left >= 0, () -> key + " has no expiry");
            long after = left - time.toMillis();
            if (after <= 0) {
                redis.command("DEL", key);
            } else {
                redis.command("PEXPIRE", key, Long.toString(after));
            }
        }
    }

    @Override
    protected void assertExpiredEverywhere(PipelineUuid uuid) {
        for (String key : PipelineKeys.all(uuid)) {
            assertEquals(":0", redis.command("EXISTS", key), key);
        }
    }

    @Test
    void theLayoutIsOneHashPerPipelineWithItsOutputsBesideIt() {
        PipelineUuid uuid = newUuid();
        store().setStatus(uuid, PipelineStatus.STATUS_EXECUTING);
        store().append(uuid, Output.RUN_OUTPUT, "hello");
        assertEquals("STATUS_EXECUTING", redis.command("HGET", uuid.value(), "STATUS"));
        assertEquals("{" + uuid.value() + "}:RUN_OUTPUT", redis.command("HGET", uuid.value(), "RUN_OUTPUT"));
        assertEquals("hello", redis.command("GET", "{" + uuid.value() + "}:RUN_OUTPUT"));
        long ttl = Long.parseLong(redis.command("PTTL", uuid.value()).substring(1));
        assertTrue(ttl > 14 * 60_000 && ttl <= 15 * 60_000, "15 minutes, was " + ttl);
    }

    @Test
    void anAppendTransfersNoOldOutput() {
        PipelineUuid uuid = newUuid();
        String kilobyte = "x".repeat(1024);
        for (int i = 0; i < 1024; i++) {
            store().append(uuid, Output.RUN_OUTPUT, kilobyte);
        }
        long before = netOutputBytes();
        for (int i = 0; i < 100; i++) {
            store().append(uuid, Output.RUN_OUTPUT, kilobyte);
        }
        long sent = netOutputBytes() - before;
        // Each append answers a length (a few bytes); re-reading a 1 MB output would be 100 MB.
        assertTrue(sent < 100 * 64, "Redis sent " + sent + " bytes for 100 appends to a 1 MB output");
    }

    @Test
    void anUnreachableRedisIsUnavailableQuicklyAndTheStoreRecovers() throws Exception {
        PipelineUuid uuid = newUuid();
        store().setStatus(uuid, PipelineStatus.STATUS_EXECUTING);
        redis.stop();
        try {
            long t0 = System.nanoTime();
            RuntimeException e = assertThrows(RuntimeException.class, () -> store().state(uuid));
            assertInstanceOf(RedisUnavailableException.class, e);
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(3).toNanos(), "fails fast");
        } finally {
            redis.restart();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                store().setStatus(uuid, PipelineStatus.STATUS_FINISHED);
                break;
            } catch (RedisUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
        assertEquals(PipelineStatus.STATUS_FINISHED, store().state(uuid).orElseThrow().status());
    }

    private long netOutputBytes() {
        for (String line : redis.command("INFO", "stats").split("\r?\n")) {
            if (line.startsWith("total_net_output_bytes:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no total_net_output_bytes in INFO");
    }
}
