package dev.beamplayground.function.pipelineoutput;

import static dev.beamplayground.testing.ConnectAssertions.assertConnectError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.api.v1.GetRunOutputFromResponse;
import dev.beamplayground.api.v1.GetRunOutputResponse;
import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.PipelineRun;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.RedisServer;
import io.micronaut.context.ApplicationContext;
import dev.beamplayground.testing.FunctionResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Redis killed (SIGKILL) and restarted while a runner appends output and a client polls it through the
 * function. The runner is its own application context with its own Redis connections, as a runner
 * process has; the function is never restarted.
 *
 * <p>What is true after the restart depends on Redis persistence, so both are tested:
 * <ul>
 * <li>with {@code appendonly yes, appendfsync always} (a Redis that persists; the event backend's
 *     requirement) every acknowledged append survives, and a client that holds its own offset
 *     ({@code GetRunOutputFrom}) assembles exactly the stored output: no byte lost, none twice.
 *     {@code GetRunOutput} (Beam's server-side position) never repeats a byte, but the one answer in
 *     flight at the crash can be lost with its reply.
 * <li>without persistence (Memorystore's basic tier, the Terraform default) the pipeline is gone after
 *     the restart, and every method says so: {@code not_found}, never an empty or made-up answer.
 * </ul>
 * During the outage every answer is {@code unavailable} (503, Retry-After) within the client's command
 * timeout (2 s), never a 500 and never a hang.
 */
class PollingFaultIT {
    /** The command timeout is 2 s; an answer during the outage comes within it (plus scheduling slack). */
    private static final Duration OUTAGE_ANSWER_BOUND = Duration.ofSeconds(3);
    /** The client reconnects at least every second. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);
    private static final String[] ALL_METHODS = {"CheckStatus", "GetRunOutput", "GetRunOutputFrom", "GetRunError",
            "GetValidationOutput", "GetPreparationOutput", "GetCompileOutput", "GetLogs", "GetGraph"};

    private static String req(PipelineUuid uuid) {
        return "{\"pipelineUuid\":\"" + uuid + "\"}";
    }

    private static String from(PipelineUuid uuid, long offset) {
        return "{\"pipelineUuid\":\"" + uuid + "\",\"offset\":" + offset + "}";
    }

    /** Waits for a condition, checking every 10 ms, and fails with {@code what} when it does not come in time. */
    private static void await(String what, Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + bound.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** What the polling client saw. */
    private static final class Poller {
        final StringBuilder assembled = new StringBuilder();
        final List<String> sinceLastCall = new ArrayList<>();
        final AtomicLong offset = new AtomicLong();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger lostGetRunOutput = new AtomicInteger();
        final AtomicBoolean finished = new AtomicBoolean();
        final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        volatile long slowestNanos;
    }

    private static void check(Poller p, String method, FunctionResponse response, long nanos) {
        p.slowestNanos = Math.max(p.slowestNanos, nanos);
        if (nanos > OUTAGE_ANSWER_BOUND.toNanos()) {
            p.problems.add(method + " took " + nanos / 1_000_000 + " ms");
        }
        if (response.getStatusCode() == 200) {
            p.ok.incrementAndGet();
            return;
        }
        String body = response.getBodyAsText();
        if (response.getStatusCode() != 503 || !body.contains("\"unavailable\"")
                || response.header("Retry-After") == null) {
            p.problems.add(method + " answered " + response.getStatusCode() + " " + body);
        }
        p.unavailable.incrementAndGet();
    }

    private static void poll(FunctionClient fn, PipelineUuid uuid, Poller p) throws InvalidProtocolBufferException {
        while (!Thread.currentThread().isInterrupted()) {
            long t0 = System.nanoTime();
            FunctionResponse r = fn.call("GetRunOutputFrom", from(uuid, p.offset.get()));
            check(p, "GetRunOutputFrom", r, System.nanoTime() - t0);
            if (r.getStatusCode() == 200) {
                GetRunOutputFromResponse.Builder page = GetRunOutputFromResponse.newBuilder();
                JsonFormat.parser().merge(r.getBodyAsText(), page);
                p.assembled.append(page.getOutput());
                p.offset.set(page.getNextOffset());
            }
            t0 = System.nanoTime();
            r = fn.call("GetRunOutput", req(uuid));
            check(p, "GetRunOutput", r, System.nanoTime() - t0);
            if (r.getStatusCode() == 200) {
                GetRunOutputResponse.Builder piece = GetRunOutputResponse.newBuilder();
                JsonFormat.parser().merge(r.getBodyAsText(), piece);
                if (!piece.getOutput().isEmpty()) {
                    p.sinceLastCall.add(piece.getOutput());
                }
            }
            t0 = System.nanoTime();
            r = fn.call("CheckStatus", req(uuid));
            check(p, "CheckStatus", r, System.nanoTime() - t0);
            if (r.getStatusCode() == 200 && r.getBodyAsText().contains("STATUS_FINISHED")) {
                // The status is written after the last append: one more page read catches up, then stop.
                FunctionResponse last = fn.call("GetRunOutputFrom", from(uuid, p.offset.get()));
                check(p, "GetRunOutputFrom", last, 0);
                if (last.getStatusCode() != 200) {
                    continue;
                }
                GetRunOutputFromResponse.Builder page = GetRunOutputFromResponse.newBuilder();
                JsonFormat.parser().merge(last.getBodyAsText(), page);
                p.assembled.append(page.getOutput());
                p.offset.set(page.getNextOffset());
                if (page.getOutput().isEmpty()) {
                    p.finished.set(true);
                    return;
                }
            }
        }
    }

    @Test
    void withAppendOnlyFsyncAlwaysTheClientAssemblesEveryByteOnceAcrossAKill() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (RedisServer redis = RedisServer.startDurable();
             FunctionClient fn = FunctionClient.start(Map.of("redis.uri", redis.uri()));
             ApplicationContext runnerContext = ApplicationContext.run(Map.of("redis.uri", redis.uri()))) {
            PipelineRun run = new PipelineRun(runnerContext.getBean(PipelineStore.class),
                    PipelineUuid.parse(UUID.randomUUID().toString()));
            run.status(PipelineStatus.STATUS_EXECUTING);

            // The runner appends numbered lines until told to finish; an append that fails is tried again,
            // as a runner would. Each acknowledged append's answer (the new length) is kept.
            AtomicBoolean finish = new AtomicBoolean();
            AtomicInteger lines = new AtomicInteger();
            AtomicInteger runnerFailures = new AtomicInteger();
            List<long[]> acknowledged = new ArrayList<>();
            Future<?> runner = threads.submit(() -> {
                for (int i = 0; !finish.get(); i++) {
                    String line = String.format("line %06d of the run output\n", i);
                    while (true) {
                        try {
                            long length = run.append(Output.RUN_OUTPUT, line).length();
                            synchronized (acknowledged) {
                                acknowledged.add(new long[] {i, length});
                            }
                            lines.incrementAndGet();
                            break;
                        } catch (RuntimeException e) {
                            runnerFailures.incrementAndGet();
                            Thread.sleep(20);
                        }
                    }
                    Thread.sleep(1);
                }
                while (true) {
                    try {
                        run.status(PipelineStatus.STATUS_FINISHED);
                        return null;
                    } catch (RuntimeException e) {
                        Thread.sleep(20);
                    }
                }
            });
            Poller p = new Poller();
            Future<?> client = threads.submit(() -> {
                poll(fn, run.uuid(), p);
                return null;
            });

            await("the client reads output", Duration.ofSeconds(20), () -> p.offset.get() > 4_000);
            redis.stop(); // SIGKILL
            long killedAt = System.nanoTime();
            int okAtKill = p.ok.get();
            await("the client sees the outage", Duration.ofSeconds(10), () -> p.unavailable.get() >= 6);
            await("the runner sees the outage", Duration.ofSeconds(10), () -> runnerFailures.get() >= 1);
            int okDuringOutage = p.ok.get() - okAtKill;
            redis.restart(); // replays the append-only file
            int unavailableAtRestart = p.unavailable.get();
            long restartedAt = System.nanoTime();
            int okAtRestart = p.ok.get();
            await("answers resume without restarting the function", RECOVERY_BOUND, () -> p.ok.get() > okAtRestart + 3);
            long recovered = System.nanoTime() - restartedAt;
            int linesAtRecovery = lines.get();
            await("the runner writes again", RECOVERY_BOUND, () -> lines.get() > linesAtRecovery + 50);
            finish.set(true);
            runner.get(RECOVERY_BOUND.toSeconds(), TimeUnit.SECONDS);
            await("the client reads to the end", Duration.ofSeconds(20), p.finished::get);
            client.get(5, TimeUnit.SECONDS);

            assertTrue(p.problems.isEmpty(), () -> "answers other than 200 or a quick 503: " + p.problems);
            assertTrue(okDuringOutage <= 3, "at most the calls in flight at the kill succeed: " + okDuringOutage);
            String stored = redis.command("GET", "{" + run.uuid() + "}:RUN_OUTPUT");
            assertEquals(stored, p.assembled.toString(), "GetRunOutputFrom: every byte once, in order");
            for (long[] ack : acknowledged) {
                String line = String.format("line %06d of the run output\n", ack[0]);
                assertEquals(line, stored.substring((int) ack[1] - line.length(), (int) ack[1]),
                        "an acknowledged append survives the kill where its answer put it");
            }
            // GetRunOutput: in order, never twice; at most the answer in flight at the kill is lost.
            int position = 0;
            int gaps = 0;
            for (String piece : p.sinceLastCall) {
                int at = stored.indexOf(piece, position);
                assertTrue(at >= position, () -> "a GetRunOutput answer repeats or reorders output: " + piece);
                if (at > position) {
                    gaps++;
                }
                position = at + piece.length();
            }
            assertTrue(gaps <= 1, "GetRunOutput lost more than the answer in flight at the kill: " + gaps + " gaps");
            System.out.printf("PollingFaultIT (appendfsync always): %d bytes in %d lines, %d answers 503 during the "
                            + "outage (%d after the restart), slowest answer %d ms, recovered %d ms after the restart, "
                            + "runner failures %d, GetRunOutput gaps %d, %s after the kill%n",
                    stored.length(), lines.get(), unavailableAtRestart, p.unavailable.get() - unavailableAtRestart,
                    p.slowestNanos / 1_000_000, recovered / 1_000_000, runnerFailures.get(), gaps,
                    Duration.ofNanos(System.nanoTime() - killedAt));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void withoutPersistenceALostPipelineIsNotFoundAfterTheRestart() throws Exception {
        try (RedisServer redis = RedisServer.start();
             FunctionClient fn = FunctionClient.start(Map.of("redis.uri", redis.uri()));
             ApplicationContext runnerContext = ApplicationContext.run(Map.of("redis.uri", redis.uri()))) {
            PipelineRun run = new PipelineRun(runnerContext.getBean(PipelineStore.class),
                    PipelineUuid.parse(UUID.randomUUID().toString()));
            run.status(PipelineStatus.STATUS_EXECUTING);
            run.append(Output.RUN_OUTPUT, "before the crash\n");
            run.append(Output.LOGS, "log\n");
            assertEquals(200, fn.call("GetRunOutputFrom", from(run.uuid(), 0)).getStatusCode());

            redis.stop(); // SIGKILL
            try {
                for (String method : ALL_METHODS) {
                    String request = method.equals("GetRunOutputFrom") ? from(run.uuid(), 17) : req(run.uuid());
                    long t0 = System.nanoTime();
                    FunctionResponse response = fn.call(method, request);
                    long took = System.nanoTime() - t0;
                    assertConnectError(response, 503, "unavailable");
                    assertTrue(response.header("Retry-After") != null, method);
                    assertTrue(took < OUTAGE_ANSWER_BOUND.toNanos(), method + " took " + took / 1_000_000 + " ms");
                }
            } finally {
                redis.restart();
            }
            await("answers resume without restarting the function", RECOVERY_BOUND,
                    () -> fn.call("CheckStatus", req(run.uuid())).getStatusCode() != 503);
            for (String method : ALL_METHODS) {
                String request = method.equals("GetRunOutputFrom") ? from(run.uuid(), 17) : req(run.uuid());
                assertConnectError(fn.call(method, request), 404, "not_found");
            }
        }
    }
}
