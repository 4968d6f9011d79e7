package dev.beamplayground.pipeline.redis;

import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.OutputPage;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.RedisServer;
import java.util.Map;
import java.util.UUID;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (surefire's includes do not match it; run it with
 * {@code -Dtest=PipelineOutputBenchmark}): appends 10 MB of run output in 1 KB pieces to a real
 * redis-server, polling after every append, and prints the bytes Redis sent (its own
 * {@code total_net_output_bytes}) as a ratio to 10 MB, for the client-offset method and for Beam's
 * RUN_OUTPUT_INDEX method, beside what Beam's read-modify-write layout would move.
 */
class PipelineOutputBenchmark {
    private static final int PIECE = 1024;
    private static final int PIECES = 10 * 1024;

    @Test
    void bytesReadFromRedisWhileTenMegabytesAreAppendedAndPolled() {
        try (RedisServer redis = RedisServer.start();
             ApplicationContext context = ApplicationContext.run(Map.of("redis.uri", redis.uri()))) {
            PipelineStore store = context.getBean(PipelineStore.class);
            String piece = "y".repeat(PIECE - 1) + "\n";
            long total = (long) PIECE * PIECES;

            PipelineUuid offsets = PipelineUuid.parse(UUID.randomUUID().toString());
            store.setStatus(offsets, PipelineStatus.STATUS_EXECUTING);
            long before = netOutputBytes(redis);
            long t0 = System.nanoTime();
            long offset = 0;
            long received = 0;
            for (int i = 0; i < PIECES; i++) {
                store.append(offsets, Output.RUN_OUTPUT, piece);
                OutputPage page = store.read(offsets, Output.RUN_OUTPUT, offset, 4 * 1024 * 1024).orElseThrow();
                offset = page.nextOffset();
                received += page.text().length();
            }
            long offsetBytes = netOutputBytes(redis) - before;
            double offsetMs = (System.nanoTime() - t0) / 1e6;

            PipelineUuid index = PipelineUuid.parse(UUID.randomUUID().toString());
            store.setStatus(index, PipelineStatus.STATUS_EXECUTING);
            before = netOutputBytes(redis);
            t0 = System.nanoTime();
            for (int i = 0; i < PIECES; i++) {
                store.append(index, Output.RUN_OUTPUT, piece);
                store.readRunOutputSinceLastCall(index, 4 * 1024 * 1024).orElseThrow();
            }
            long indexBytes = netOutputBytes(redis) - before;
            double indexMs = (System.nanoTime() - t0) / 1e6;

            // Beam's cache: an append GETs the whole output and SETs it back; a poll GETs the whole
            // output. After append i the output is i KB, so each of the two reads moves i KB.
            double beamBytes = 2.0 * PIECE * ((double) PIECES * (PIECES + 1) / 2);

            System.out.printf("10 MB appended in 1 KB pieces, polled after every append (%d appends, %d polls)%n",
                    PIECES, PIECES);
            System.out.printf("  client offset (GetRunOutputFrom):  %,d bytes from Redis, ratio %.3f, %.0f ms, %,d received%n",
                    offsetBytes, offsetBytes / (double) total, offsetMs, received);
            System.out.printf("  RUN_OUTPUT_INDEX (GetRunOutput):   %,d bytes from Redis, ratio %.3f, %.0f ms%n",
                    indexBytes, indexBytes / (double) total, indexMs);
            System.out.printf("  Beam's read-modify-write (computed): %,.0f bytes, ratio %.0f%n",
                    beamBytes, beamBytes / total);
            System.out.printf("  per poll: %.1f bytes (offset), %.1f bytes (index) vs %,.0f bytes on average for Beam%n",
                    offsetBytes / (double) PIECES, indexBytes / (double) PIECES, beamBytes / 2 / PIECES);
        }
    }

    private static long netOutputBytes(RedisServer redis) {
        for (String line : redis.command("INFO", "stats").split("\r?\n")) {
            if (line.startsWith("total_net_output_bytes:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new IllegalStateException("no total_net_output_bytes in INFO");
    }
}
