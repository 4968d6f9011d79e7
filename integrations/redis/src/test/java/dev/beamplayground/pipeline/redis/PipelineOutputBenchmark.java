package dev.beamplayground.pipeline.redis;

import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.OutputPage;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.LoadRun;
import dev.beamplayground.testing.RedisServer;
import io.micronaut.context.ApplicationContext;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A benchmark, not a test (surefire's includes do not match it); run with {@code bench/pipeline.sh}. Appends run
 * output in 1 KiB pieces to a real redis-server, polling after every append, and counts the bytes Redis sent and
 * received (its own {@code total_net_output_bytes} / {@code total_net_input_bytes}) and the time, for the
 * client-offset method, the RUN_OUTPUT_INDEX method, and — as the baseline, run on the same server in the same
 * run — Beam's scheme: every append reads the whole output back and writes it whole ({@code HGET} + {@code HSET}),
 * every poll reads the index and the whole output and writes the index. Beam's cost grows with the square of the
 * output, so the measured comparison uses {@code -Dbench.output.kib=1024}; our methods are also run at 10 MiB,
 * beside Beam's computed figure for that size.
 */
class PipelineOutputBenchmark {
    private static final int PIECE = 1024;
    private static final int COMPARED_PIECES = Integer.getInteger("bench.output.kib", 1024);
    private static final int LARGE_PIECES = 10 * 1024;
    private static final int MAX_PAGE = 4 * 1024 * 1024;
    private static final String PIECE_TEXT = "y".repeat(PIECE - 1) + "\n";

    private record Cost(long fromRedis, long toRedis, double ms) {
    }

    private interface Scheme {
        void appendAndPoll(PipelineUuid uuid, int i);
    }

    @Test
    void bytesMovedWhileOutputIsAppendedAndPolled() {
        try (RedisServer redis = RedisServer.start();
             ApplicationContext context = ApplicationContext.run(Map.of("redis.uri", redis.uri()))) {
            PipelineStore store = context.getBean(PipelineStore.class);
            try (Jedis beam = new Jedis(java.net.URI.create(redis.uri()))) {
                long[] offset = new long[1];
                Scheme offsets = (uuid, i) -> {
                    if (i == 0) {
                        offset[0] = 0;
                    }
                    store.append(uuid, Output.RUN_OUTPUT, PIECE_TEXT);
                    OutputPage page = store.read(uuid, Output.RUN_OUTPUT, offset[0], MAX_PAGE).orElseThrow();
                    offset[0] = page.nextOffset();
                };
                Scheme index = (uuid, i) -> {
                    store.append(uuid, Output.RUN_OUTPUT, PIECE_TEXT);
                    store.readRunOutputSinceLastCall(uuid, MAX_PAGE).orElseThrow();
                };
                Scheme beamScheme = (uuid, i) -> {
                    String key = uuid.value();
                    String whole = beam.hget(key, "RUN_OUTPUT");
                    beam.hset(key, "RUN_OUTPUT", (whole == null ? "" : whole) + PIECE_TEXT);
                    String from = beam.hget(key, "RUN_OUTPUT_INDEX");
                    String output = beam.hget(key, "RUN_OUTPUT");
                    int start = from == null ? 0 : Integer.parseInt(from);
                    if (output.length() - start != PIECE) {
                        throw new AssertionError("poll " + i + " got " + (output.length() - start) + " new chars");
                    }
                    beam.hset(key, "RUN_OUTPUT_INDEX", String.valueOf(output.length()));
                };
                // Warm up the code paths (JIT, connections) on a small run of each, outside the figures.
                measure(redis, store, offsets, 256);
                measure(redis, store, index, 256);
                measure(redis, store, beamScheme, 256);

                long total = (long) PIECE * COMPARED_PIECES;
                Cost o = measure(redis, store, offsets, COMPARED_PIECES);
                Cost x = measure(redis, store, index, COMPARED_PIECES);
                Cost b = measure(redis, store, beamScheme, COMPARED_PIECES);
                System.out.printf(Locale.ROOT, "%n%d KiB appended in 1 KiB pieces, polled after every append, one redis-server,"
                        + " load average %.1f%n", COMPARED_PIECES, LoadRun.loadAverage());
                System.out.println("| method | bytes from Redis | per new byte | bytes to Redis | time ms"
                        + " | Beam / this, bytes from Redis | Beam / this, time |");
                System.out.println("|---|---|---|---|---|---|---|");
                row("client offset (GetRunOutputFrom)", o, total, b);
                row("RUN_OUTPUT_INDEX (GetRunOutput)", x, total, b);
                row("baseline: Beam's read-back-and-rewrite (measured)", b, total, b);

                long large = (long) PIECE * LARGE_PIECES;
                Cost lo = measure(redis, store, offsets, LARGE_PIECES);
                Cost lx = measure(redis, store, index, LARGE_PIECES);
                double beamLarge = 2.0 * PIECE * ((double) LARGE_PIECES * (LARGE_PIECES + 1) / 2);
                System.out.printf(Locale.ROOT, "%n10 MiB in 1 KiB pieces: client offset %,d bytes from Redis (%.3f per new byte,"
                                + " %.0f ms), RUN_OUTPUT_INDEX %,d (%.3f, %.0f ms); Beam's scheme computed: %,.0f bytes (%.0f per new"
                                + " byte), %.0fx the client offset's%n", lo.fromRedis, lo.fromRedis / (double) large, lo.ms,
                        lx.fromRedis, lx.fromRedis / (double) large, lx.ms, beamLarge, beamLarge / large,
                        beamLarge / lo.fromRedis);
            }
        }
    }

    private static void row(String method, Cost c, long total, Cost beam) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %.3f | %,d | %.0f | %.0fx | %.1fx |%n", method, c.fromRedis,
                c.fromRedis / (double) total, c.toRedis, c.ms, beam.fromRedis / (double) c.fromRedis, beam.ms / c.ms);
    }

    private static Cost measure(RedisServer redis, PipelineStore store, Scheme scheme, int pieces) {
        PipelineUuid uuid = PipelineUuid.parse(UUID.randomUUID().toString());
        store.setStatus(uuid, PipelineStatus.STATUS_EXECUTING);
        long out = stat(redis, "total_net_output_bytes");
        long in = stat(redis, "total_net_input_bytes");
        long t0 = System.nanoTime();
        for (int i = 0; i < pieces; i++) {
            scheme.appendAndPoll(uuid, i);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        return new Cost(stat(redis, "total_net_output_bytes") - out, stat(redis, "total_net_input_bytes") - in, ms);
    }

    private static long stat(RedisServer redis, String name) {
        for (String line : redis.command("INFO", "stats").split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no " + name + " in INFO");
    }
}
