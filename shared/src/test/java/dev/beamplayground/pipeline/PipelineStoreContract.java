package dev.beamplayground.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.error.InvalidArgumentException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every pipeline store must do; run against Redis and the in-process store. */
public abstract class PipelineStoreContract {
    /** The store under test, with the default expiry. */
    protected abstract PipelineStore store();

    /** A store over the same data whose writes expire after {@code ttl}. */
    protected abstract PipelineStore storeWithTtl(Duration ttl);

    /** A store over the same data with these output limits. */
    protected abstract PipelineStore storeWithLimits(OutputLimits limits);

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void anOutputIsCutAtItsLimitWithOneMarkerLineAndLaterAppendsAreOnlyCounted() {
        OutputLimits limits = new OutputLimits(100, 10_000);
        PipelineStore store = storeWithLimits(limits);
        PipelineUuid uuid = newUuid();
        PipelineRun run = new PipelineRun(store, uuid);
        assertEquals(new Appended(90, 0), run.append(Output.RUN_OUTPUT, "0123456789".repeat(9)));
        Appended cut = run.append(Output.RUN_OUTPUT, "x".repeat(30));
        assertTrue(cut.truncated());
        assertEquals(20, cut.droppedBytes());
        String expected = "0123456789".repeat(9) + "x".repeat(10) + "\n" + limits.outputMarker();
        assertEquals(expected.length(), cut.length());
        for (int i = 0; i < 50; i++) {
            run.append(Output.RUN_OUTPUT, "more\n");
        }
        assertEquals(new Appended(expected.length(), 20 + 250), run.append(Output.RUN_OUTPUT, ""));
        String stored = store.read(uuid, Output.RUN_OUTPUT, 0, 100_000).orElseThrow().text();
        assertEquals(expected, stored);
        assertTrue(stored.endsWith("limit of 100 bytes; further output is counted, not stored]\n"), stored);
        assertEquals(1, count(stored, "[output truncated"));
        // Another output of the same pipeline is not cut by this one.
        assertEquals(new Appended(5, 0), run.append(Output.LOGS, "fine\n"));
    }

    @Test
    void aCutNeverSplitsACharacterAndAWholeLineIsNotGivenAnEmptyOne() {
        OutputLimits limits = new OutputLimits(5, 10_000);
        PipelineStore store = storeWithLimits(limits);
        PipelineUuid uuid = newUuid();
        Appended cut = store.append(uuid, Output.LOGS, "abcdé"); // é is 2 bytes: byte 5 is half of it
        assertEquals(2, cut.droppedBytes());
        assertEquals("abcd\n" + limits.outputMarker(), store.read(uuid, Output.LOGS, 0, 1000).orElseThrow().text());
        PipelineUuid lines = newUuid();
        store.append(lines, Output.LOGS, "ab\n");
        store.append(lines, Output.LOGS, "\u00e9\u00e9\u00e9");
        assertEquals("ab\n\u00e9\n" + limits.outputMarker(), store.read(lines, Output.LOGS, 0, 1000).orElseThrow().text());
    }

    @Test
    void aWholeOutputWrittenAtOnceIsCutAtTheOutputLimitToo() {
        OutputLimits limits = new OutputLimits(8, 10_000);
        PipelineStore store = storeWithLimits(limits);
        PipelineUuid uuid = newUuid();
        new PipelineRun(store, uuid).graph("digraph { a -> b }");
        assertEquals("digraph \n" + limits.outputMarker(), store.read(uuid, Output.GRAPH, 0, 1000).orElseThrow().text());
        store.put(uuid, Output.RUN_ERROR, "short");
        assertEquals("short", store.read(uuid, Output.RUN_ERROR, 0, 1000).orElseThrow().text());
    }

    @Test
    void thePipelineLimitCutsWhicheverOutputReachesIt() {
        OutputLimits limits = new OutputLimits(1000, 50);
        PipelineStore store = storeWithLimits(limits);
        PipelineUuid uuid = newUuid();
        store.append(uuid, Output.LOGS, "l".repeat(40));
        Appended run = store.append(uuid, Output.RUN_OUTPUT, "r".repeat(40));
        assertEquals(30, run.droppedBytes());
        assertEquals("r".repeat(10) + "\n" + limits.pipelineMarker(),
                store.read(uuid, Output.RUN_OUTPUT, 0, 1000).orElseThrow().text());
        Appended logs = store.append(uuid, Output.LOGS, "more");
        assertEquals(4, logs.droppedBytes());
        assertEquals("l".repeat(40) + "\n" + limits.pipelineMarker(),
                store.read(uuid, Output.LOGS, 0, 1000).orElseThrow().text());
    }

    protected static PipelineUuid newUuid() {
        return PipelineUuid.parse(UUID.randomUUID().toString());
    }

    @Test
    void aPipelineWithoutStateIsUnknown() {
        PipelineUuid uuid = newUuid();
        assertTrue(store().state(uuid).isEmpty());
        assertTrue(store().read(uuid, Output.LOGS, 0, 100).isEmpty());
        assertTrue(store().readRunOutputSinceLastCall(uuid, 100).isEmpty());
        assertEquals(CancelMark.UNKNOWN_PIPELINE, store().markCanceled(uuid));
        assertTrue(store().state(uuid).isEmpty(), "a cancel must not create state");
    }

    @Test
    void statusAndOutputsAreWrittenAndRead() {
        PipelineUuid uuid = newUuid();
        PipelineRun run = new PipelineRun(store(), uuid);
        run.status(PipelineStatus.STATUS_COMPILING);
        assertEquals(new PipelineState(PipelineStatus.STATUS_COMPILING, false), store().state(uuid).orElseThrow());
        assertEquals(3, run.append(Output.COMPILE_OUTPUT, "abc").length());
        assertEquals(7, run.append(Output.COMPILE_OUTPUT, "déf").length());
        run.graph("digraph {}");
        run.graph("digraph { a }");
        run.error(Output.RUN_ERROR, "boom", PipelineStatus.STATUS_RUN_ERROR);
        assertEquals("abcdéf", store().read(uuid, Output.COMPILE_OUTPUT, 0, 1000).orElseThrow().text());
        assertEquals("digraph { a }", store().read(uuid, Output.GRAPH, 0, 1000).orElseThrow().text());
        assertEquals("boom", store().read(uuid, Output.RUN_ERROR, 0, 1000).orElseThrow().text());
        assertEquals("", store().read(uuid, Output.LOGS, 0, 1000).orElseThrow().text());
        assertEquals(PipelineStatus.STATUS_RUN_ERROR, store().state(uuid).orElseThrow().status());
    }

    @Test
    void getRunOutputAnswersWhatWasAppendedSinceThePreviousCall() {
        PipelineUuid uuid = newUuid();
        store().setStatus(uuid, PipelineStatus.STATUS_EXECUTING);
        assertEquals("", store().readRunOutputSinceLastCall(uuid, 100).orElseThrow().text());
        store().append(uuid, Output.RUN_OUTPUT, "one\n");
        assertEquals("one\n", store().readRunOutputSinceLastCall(uuid, 100).orElseThrow().text());
        store().append(uuid, Output.RUN_OUTPUT, "two\n");
        store().append(uuid, Output.RUN_OUTPUT, "three\n");
        assertEquals("two\nthree\n", store().readRunOutputSinceLastCall(uuid, 100).orElseThrow().text());
        assertEquals("", store().readRunOutputSinceLastCall(uuid, 100).orElseThrow().text());
        // A client-held offset is independent of RUN_OUTPUT_INDEX.
        assertEquals("one\ntwo\nthree\n", store().read(uuid, Output.RUN_OUTPUT, 0, 100).orElseThrow().text());
    }

    @Test
    void pagesEndAndStartOnWholeCharacters() {
        PipelineUuid uuid = newUuid();
        String text = "aé€𝄞".repeat(50); // 1, 2, 3 and 4 UTF-8 bytes
        store().append(uuid, Output.RUN_OUTPUT, text);
        for (int max : new int[] {4, 5, 6, 7, 9, 13}) {
            StringBuilder all = new StringBuilder();
            long offset = 0;
            OutputPage page;
            do {
                page = store().read(uuid, Output.RUN_OUTPUT, offset, max).orElseThrow();
                assertTrue(page.nextOffset() > offset || page.nextOffset() == page.length(), "progress");
                all.append(page.text());
                offset = page.nextOffset();
            } while (page.truncated());
            assertEquals(text, all.toString(), "pages of " + max);
        }
        // An offset inside a character (the second byte of "é") skips to the next character.
        assertEquals("€", store().read(uuid, Output.RUN_OUTPUT, 2, 4).orElseThrow().text());
        assertThrows(InvalidArgumentException.class, () -> store().read(uuid, Output.RUN_OUTPUT, 100_000, 10));
    }

    @Test
    void twoReadersWithTheirOwnOffsetsEachReadAllOfOneMegabyteAppendedInKilobytePieces() throws Exception {
        PipelineUuid uuid = newUuid();
        store().setStatus(uuid, PipelineStatus.STATUS_EXECUTING);
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            String head = String.format("%06d é ", i);
            pieces.add(head + "x".repeat(1024 - head.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
        String expected = String.join("", pieces);
        CountDownLatch appended = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            threads.submit(() -> {
                pieces.forEach(p -> store().append(uuid, Output.RUN_OUTPUT, p));
                appended.countDown();
                return null;
            });
            List<Future<String>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    StringBuilder seen = new StringBuilder();
                    long offset = 0;
                    while (true) {
                        boolean done = appended.getCount() == 0;
                        OutputPage page = store().read(uuid, Output.RUN_OUTPUT, offset, 64 * 1024).orElseThrow();
                        seen.append(page.text());
                        offset = page.nextOffset();
                        if (done && !page.truncated()) {
                            return seen.toString();
                        }
                    }
                }));
            }
            for (Future<String> reader : readers) {
                String seen = reader.get(120, TimeUnit.SECONDS);
                assertEquals(expected.length(), seen.length());
                assertEquals(expected, seen);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void everyKeyExpiresAfterTheLastWrite() {
        PipelineStore store = storeWithTtl(Duration.ofMinutes(15));
        PipelineUuid uuid = newUuid();
        store.setStatus(uuid, PipelineStatus.STATUS_EXECUTING);
        store.append(uuid, Output.LOGS, "early");
        elapse(uuid, Duration.ofMinutes(10));
        store.append(uuid, Output.RUN_OUTPUT, "late"); // refreshes the expiry of the whole pipeline
        elapse(uuid, Duration.ofMinutes(10));
        assertEquals("early", store.read(uuid, Output.LOGS, 0, 100).orElseThrow().text(),
                "a write refreshes the expiry of every output");
        // Reads do not refresh it: 16 minutes after the last write, 6 after the read, all is gone.
        elapse(uuid, Duration.ofMinutes(6));
        assertTrue(store.state(uuid).isEmpty(), "expired");
        assertTrue(store.read(uuid, Output.RUN_OUTPUT, 0, 100).isEmpty());
        assertExpiredEverywhere(uuid);
    }

    /**
     * Lets {@code time} pass for the data of {@code uuid} in the store of {@link #storeWithTtl}: a fake clock moved
     * on, or the remaining expiry of each of the pipeline's keys shortened by it.
     */
    protected abstract void elapse(PipelineUuid uuid, Duration time);

    /**
     * A positive signal instead of a sleep: a store tells its watchers in order, on one thread, so once a later
     * pipeline's cancel callback has run, every callback queued before it has run too.
     */
    private void awaitCallbacksQueuedSoFar() throws InterruptedException {
        PipelineUuid sentinel = newUuid();
        store().setStatus(sentinel, PipelineStatus.STATUS_EXECUTING);
        CountDownLatch told = new CountDownLatch(1);
        try (CancelWatch watch = store().watchCancel(sentinel, told::countDown)) {
            assertEquals(CancelMark.MARKED, store().markCanceled(sentinel));
            assertTrue(told.await(10, TimeUnit.SECONDS), "the sentinel's watcher was told");
        }
    }

    /** Hook for stores that can also check their raw keys. */
    protected void assertExpiredEverywhere(PipelineUuid uuid) {
    }

    @Test
    void aCancelIsRecordedOnceAndTheWatcherIsCalledOnce() throws Exception {
        PipelineUuid uuid = newUuid();
        PipelineRun run = new PipelineRun(store(), uuid);
        run.status(PipelineStatus.STATUS_EXECUTING);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch called = new CountDownLatch(1);
        try (CancelWatch watch = run.onCancel(() -> {
            calls.incrementAndGet();
            called.countDown();
        })) {
            assertFalse(run.canceled());
            assertEquals(CancelMark.MARKED, store().markCanceled(uuid));
            assertEquals(CancelMark.ALREADY_MARKED, store().markCanceled(uuid));
            assertEquals(CancelMark.ALREADY_MARKED, store().markCanceled(uuid));
            assertTrue(called.await(10, TimeUnit.SECONDS), "the watcher was told");
            awaitCallbacksQueuedSoFar();
            assertEquals(1, calls.get());
            assertTrue(run.canceled());
            assertTrue(store().state(uuid).orElseThrow().canceled());
        }
        // A watcher set up after the cancel learns of it at once.
        CountDownLatch late = new CountDownLatch(1);
        try (CancelWatch watch = run.onCancel(late::countDown)) {
            assertTrue(late.await(2, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClosedWatchIsNotCalled() throws Exception {
        PipelineUuid uuid = newUuid();
        store().setStatus(uuid, PipelineStatus.STATUS_EXECUTING);
        AtomicInteger calls = new AtomicInteger();
        store().watchCancel(uuid, calls::incrementAndGet).close();
        store().markCanceled(uuid);
        awaitCallbacksQueuedSoFar();
        assertEquals(0, calls.get());
    }
}
