package dev.beamplayground.upgrade;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.migration.MigrationGate;
import dev.beamplayground.request.AfterAnswer;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.store.sqlite.SqliteBackendProvider;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.TaggedSnippetCodec;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SnippetFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry, the automatic pin, the gate and the removal of silent instances, on SQLite with a moved clock. */
class AutoPinTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final ObjectVersion V10 = ObjectVersion.of(1, 0);
    private static final ObjectVersion V11 = ObjectVersion.of(1, 1);
    private static final ObjectVersion V12 = ObjectVersion.of(1, 2);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final List<PlaygroundStore> opened = new ArrayList<>();
    /** Report threads of earlier tests that may still be ending. */
    private final List<Thread> otherTests = allReporters();

    private record Running(AutoPin pin, PlaygroundStore store) {
    }

    private Running start(String release, Codecs code) {
        AutoPin pin = new AutoPin(code, new UpgradeSettings(release, INTERVAL, GRACE), clock);
        PlaygroundStore raw = new SqliteBackendProvider().open(Map.of("path", dir.resolve("p.db").toString()),
                pin.codecs());
        PlaygroundStore store = UpgradingStore.wrap(raw, pin);
        opened.add(store);
        return new Running(pin, store);
    }

    @AfterEach
    void close() {
        opened.forEach(PlaygroundStore::close);
    }

    private List<InstanceEntry> registry(Running on) {
        return new InstanceRegistry(on.store()).all();
    }

    @Test
    void anInstanceReportsWithItsFirstStoreCallAndThenAtMostOncePerInterval() {
        Running r = start("r1", Codecs.current());
        assertEquals(List.of(), registry(start("reader", Codecs.current())).stream()
                .filter(e -> e.release().equals("r1")).toList(), "nothing before its first store call");

        r.store().countSnippets();
        InstanceEntry entry = registry(r).stream().filter(e -> e.release().equals("r1")).findFirst().orElseThrow();
        assertEquals(r.pin().instanceId(), entry.id());
        assertEquals("1.1", entry.canWrite().get(Snippet.KIND));
        assertEquals("1.1", entry.writes().get(Snippet.KIND));
        assertEquals(T0, entry.beat());

        clock.advance(INTERVAL.minusSeconds(1));
        r.store().countSnippets();
        assertEquals(T0, beatOf(r, "r1"), "within the interval: no write");
        clock.advance(Duration.ofSeconds(1));
        r.store().countSnippets();
        assertEquals(T0.plus(INTERVAL), beatOf(r, "r1"));
        assertEquals(T0, registry(r).stream().filter(e -> e.release().equals("r1")).findFirst().orElseThrow().started());
    }

    @Test
    void theNewReleaseWritesWhatTheOldOneCanUntilItHasBeenSilentForTheGracePeriod() {
        Running old = start("N", Codecs.current());
        old.store().countSnippets();
        Running next = start("N+1", Codecs.current().with(new TaggedSnippetCodec()));
        next.store().countSnippets();

        assertEquals(Map.of(Snippet.KIND, V11), next.pin().currentPins());
        assertEquals(V11, next.store().codecs().writeVersion(Snippet.KIND));
        assertEquals(Map.of(), old.pin().currentPins(), "never above its own");
        assertEquals("1.1", writesOf(next, "N+1"));

        clock.advance(GRACE);
        next.store().countSnippets();
        assertEquals(V11, next.store().codecs().writeVersion(Snippet.KIND), "silent for exactly the grace: still live");
        clock.advance(INTERVAL);
        next.store().countSnippets();
        assertEquals(Map.of(), next.pin().currentPins());
        assertEquals(V12, next.store().codecs().writeVersion(Snippet.KIND));
        assertEquals("1.2", writesOf(next, "N+1"), "the lifted pin is what it reports");
    }

    @Test
    void anExplicitPinWinsAndIsWhatTheInstanceReports() {
        Running pinned = start("p", Codecs.current().pinned("pg_snippets=1.0"));
        pinned.store().countSnippets();
        assertEquals(V10, pinned.store().codecs().writeVersion(Snippet.KIND));
        assertEquals("1.0", writesOf(pinned, "p"));
        Running other = start("q", Codecs.current());
        other.store().countSnippets();
        assertEquals(Map.of(), other.pin().currentPins(), "the pinned instance's code can read and write 1.1");
        assertEquals(List.of(new MigrationGate.Blocker("p", V10, V11, Duration.ZERO)),
                other.pin().gate().blockers(Snippet.KIND, V11), "but it writes 1.0: a migration to 1.1 waits");
    }

    @Test
    void theGateNamesTheInstancesThatWriteBelowTheTargetWithTheirAge() {
        Running old = start("N", Codecs.current());
        old.store().countSnippets();
        clock.advance(Duration.ofSeconds(25));
        Running next = start("N+1", Codecs.current().with(new TaggedSnippetCodec()));
        next.store().countSnippets();

        List<MigrationGate.Blocker> blockers = next.pin().gate().blockers(Snippet.KIND, V12);

        assertEquals(2, blockers.size(), blockers::toString);
        MigrationGate.Blocker n = blockers.stream().filter(b -> b.release().equals("N")).findFirst().orElseThrow();
        assertEquals(new MigrationGate.Blocker("N", V11, V11, Duration.ofSeconds(25)), n);
        assertTrue(n.olderThan(V12));
        MigrationGate.Blocker self = blockers.stream().filter(b -> b.release().equals("N+1")).findFirst().orElseThrow();
        assertEquals(V12, self.canWrite(), "pinned down by N, not old itself");
        assertEquals(List.of(), next.pin().gate().blockers(Snippet.KIND, V11));
    }

    @Test
    void maintenanceRemovesOnlyTheInstancesSilentForLongerThanTheGracePeriod() {
        Running gone = start("gone", Codecs.current());
        gone.store().countSnippets();
        clock.advance(GRACE);
        Running live = start("live", Codecs.current());
        live.store().countSnippets();
        assertEquals(0, live.pin().removeSilentInstances(), "silent for exactly the grace period: kept");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, live.pin().removeSilentInstances());
        assertEquals(List.of("live"), registry(live).stream().map(InstanceEntry::release).toList());
    }

    @Test
    void anInstanceWhoseRegistrationLapsedWritesOnlyAfterItReportedAgain() {
        Running r = start("r", Codecs.current());
        r.store().countSnippets();
        clock.advance(GRACE.plusSeconds(1));

        // Asked straight from the codecs, without a store call that would report first: a stalled instance.
        assertThrows(OutdatedReleaseException.class, () -> r.pin().codecs().writeVersion(Snippet.KIND));
        r.store().countSnippets();
        assertEquals(V11, r.pin().codecs().writeVersion(Snippet.KIND));
    }

    /** What a test does before each call reaches SQLite: the method's name and its first argument, if a string. */
    @FunctionalInterface
    private interface BeforeCall {
        void run(String method, String first) throws Exception;
    }

    /** A fresh instance over SQLite with {@code before} ahead of every call its report and its calls make. */
    private Running intercepted(BeforeCall before) {
        AutoPin pin = new AutoPin(Codecs.current(), new UpgradeSettings("r", INTERVAL, GRACE), clock);
        PlaygroundStore sqlite = new SqliteBackendProvider().open(Map.of("path", dir.resolve("p.db").toString()),
                pin.codecs());
        opened.add(sqlite);
        PlaygroundStore raw = (PlaygroundStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PlaygroundStore.class}, (proxy, method, args) -> {
                    before.run(method.getName(), args != null && args.length > 0 && args[0] instanceof String k ? k : "");
                    try {
                        return method.invoke(sqlite, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Running(pin, UpgradingStore.wrap(raw, pin));
    }

    /** An instance whose report's reading of the registry waits for {@code registryRead}; its calls listed. */
    private Running heldAtRegistryRead(CountDownLatch registryRead, List<String> calls) {
        return intercepted((method, first) -> {
            if (method.equals("scan") && first.equals(InstanceEntry.KIND)) {
                registryRead.await();
            }
            calls.add(method);
        });
    }

    /** A user's snippet, as save-snippet stores it. */
    private static Snippet snippet() {
        return new Snippet("s1", Sdk.SDK_JAVA, "", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "", T0, T0, 0,
                SchemaVersion.CURRENT, List.of(new SnippetFile("A.java", "class A {}", true, 0)), List.of());
    }

    @Test
    void aUserReadGoesAheadOfTheFirstReportAndAWriteWaitsForIt() throws Exception {
        CountDownLatch registryRead = new CountDownLatch(1);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Running r = heldAtRegistryRead(registryRead, calls);

        assertEquals(Optional.empty(), assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> r.store().findSnippet("absent")), "the read answers while the report waits for the registry");
        Snippet snippet = snippet();
        Thread writer = new Thread(() -> r.store().saveSnippet(snippet));
        writer.start();
        while (writer.getState() == Thread.State.NEW || writer.getState() == Thread.State.RUNNABLE) {
            Thread.onSpinWait();
        }
        registryRead.countDown();
        writer.join();

        int reported = calls.indexOf("replace"); // the registry entry
        assertTrue(reported >= 0 && reported < calls.indexOf("saveSnippet"), calls::toString);
        assertEquals("1.1", registry(r).get(0).writes().get(Snippet.KIND));
    }

    @Test
    void withinARequestTheFirstReportStartsAfterTheAnswerIsWritten() throws Exception {
        CountDownLatch registryRead = new CountDownLatch(1);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        // Were the report started beside the read, its thread would be held at the registry read.
        Running r = heldAtRegistryRead(registryRead, calls);

        AfterAnswer.begin();
        try {
            assertEquals(Optional.empty(), r.store().findSnippet("absent"));
            assertEquals(List.of(), reporters(), "a report thread while the answer is being written");
            assertEquals(List.of("findSnippet"), calls);
        } finally {
            AfterAnswer.end();
        }
        List<Thread> started = reporters();
        assertEquals(1, started.size(), "the report starts once the answer is written");
        registryRead.countDown();
        started.get(0).join();
        assertEquals(List.of("r"), registry(r).stream().map(InstanceEntry::release).toList());
    }

    @Test
    void aWriteInTheRequestOfTheFirstReadMakesTheReportItself() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        Running r = intercepted((method, first) -> calls.add(method));
        Snippet snippet = snippet();

        AfterAnswer.begin();
        try {
            r.store().findSnippet("absent");
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> r.store().saveSnippet(snippet),
                    "the write waited for a report held until the answer");
            assertEquals(List.of(), reporters());
        } finally {
            AfterAnswer.end();
        }
        int reported = calls.indexOf("replace"); // the registry entry
        assertTrue(reported >= 0 && reported < calls.indexOf("saveSnippet"), calls::toString);
        for (Thread t : reporters()) {
            assertDoesNotThrow(() -> t.join()); // made already: the held start finds nothing to do
        }
        assertEquals(1, calls.stream().filter("replace"::equals).count(), calls::toString);
    }

    @Test
    void aFirstReportUnderWayWhenTheStoreClosesEndsWithoutAWarning() throws Exception {
        CountDownLatch registryRead = new CountDownLatch(1);
        Running r = heldAtRegistryRead(registryRead, Collections.synchronizedList(new ArrayList<>()));
        r.store().findSnippet("absent"); // outside a request: the report starts at once, held at the registry read
        List<Thread> started = reporters();
        assertEquals(1, started.size());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            r.store().close();
            registryRead.countDown(); // the report goes on against the closed store
            started.get(0).join();
        } finally {
            System.setOut(stdout);
        }
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("first report"), () -> log.toString(
                StandardCharsets.UTF_8));
    }

    @Test
    void aFirstReportAWriteMadeAndMetFailingIsNotReportedAgainAfterTheAnswer() throws Exception {
        AtomicInteger registryReads = new AtomicInteger();
        Running r = intercepted((method, first) -> {
            if (method.equals("scan") && first.equals(InstanceEntry.KIND) && registryReads.incrementAndGet() == 1) {
                throw new StoreUnavailableException("the registry cannot be read now", null);
            }
        });
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            AfterAnswer.begin();
            try {
                r.store().findSnippet("absent");
                r.store().saveSnippet(snippet()); // makes the held report (it fails), then reports itself
            } finally {
                AfterAnswer.end();
            }
            for (Thread t : reporters()) {
                t.join();
            }
        } finally {
            System.setOut(stdout);
        }
        assertEquals(2, registryReads.get());
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("first report"), () -> log.toString(
                StandardCharsets.UTF_8));
    }

    /** The threads this test's first reports run on, alive now. */
    private List<Thread> reporters() {
        return allReporters().stream().filter(t -> !otherTests.contains(t)).toList();
    }

    private static List<Thread> allReporters() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("instance-report"))
                .toList();
    }

    @Test
    void aFailedFirstReportFailsNoReadAndTheNextCallReportsAgain() {
        AtomicInteger registryReads = new AtomicInteger();
        Running r = intercepted((method, first) -> {
            if (method.equals("scan") && first.equals(InstanceEntry.KIND) && registryReads.incrementAndGet() == 1) {
                throw new StoreUnavailableException("the registry cannot be read now", null);
            }
        });

        assertEquals(Optional.empty(), r.store().findSnippet("absent"), "the read does not fail with the report");
        r.store().countSnippets(); // not a user read: waits for the first report, which failed, and reports itself
        assertEquals(2, registryReads.get());
        assertEquals(List.of("r"), registry(r).stream().map(InstanceEntry::release).toList());
    }

    private Instant beatOf(Running on, String release) {
        return registry(on).stream().filter(e -> e.release().equals(release)).findFirst().orElseThrow().beat();
    }

    private String writesOf(Running on, String release) {
        return registry(on).stream().filter(e -> e.release().equals(release)).findFirst().orElseThrow()
                .writes().get(Snippet.KIND);
    }
}
