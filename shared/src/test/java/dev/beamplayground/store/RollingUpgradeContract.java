package dev.beamplayground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.migration.MigrationContext;
import dev.beamplayground.migration.MigrationGate;
import dev.beamplayground.migration.MigrationReport;
import dev.beamplayground.migration.MigrationRunner;
import dev.beamplayground.migration.Migrations;
import dev.beamplayground.migration.Version;
import dev.beamplayground.upgrade.AutoPin;
import dev.beamplayground.upgrade.InstanceRegistry;
import dev.beamplayground.upgrade.MutableClock;
import dev.beamplayground.upgrade.OutdatedReleaseException;
import dev.beamplayground.upgrade.UpgradeSettings;
import dev.beamplayground.upgrade.UpgradingStore;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.TaggedSnippetCodec;
import dev.beamplayground.versioning.TagsBackfill;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rolling upgrade from code N (today's codecs) to N+1 (pg_snippets 1.2 with tags, and a 1.2 data
 * migration), as separate in-process instances on one store with traffic on both throughout: N+1 starts
 * writing at N's version (automatic pin), its migration waits while N is live, N stops, the pin lifts after
 * the grace period, the migration runs, is killed half way, resumes on another instance and finishes. At
 * every step every object is readable by every live instance, no property is lost (unknown ones included),
 * visit counts are exact; at the end every snippet is at 1.2, and an instance of N that comes back (it was
 * idle past the grace period, or is started again) cannot write snippets below 1.2.
 *
 * <p>Time is a {@link MutableClock}: heartbeats and the grace period pass without waiting.
 */
public abstract class RollingUpgradeContract {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant FAR = T0.plus(3650, ChronoUnit.DAYS);
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(4);
    private static final ObjectVersion V11 = SnippetCodec.VERSION;
    private static final ObjectVersion V12 = TaggedSnippetCodec.VERSION;
    private static final String NOTE = "legacyNote";

    /** Runs of the test in one JVM: {@code -Drolling.runs=20} for the loop (bench/rolling-upgrade-loop.sh). */
    private static final int RUNS = Integer.getInteger("rolling.runs", 1);

    private final TaggedSnippetCodec tagged = new TaggedSnippetCodec();
    private final List<Instance> instances = new ArrayList<>();
    // Per run (reset by each):
    private MutableClock clock;
    private ExecutorService pool;
    /** What the store must hold: visits counted per snippet, tags N+1 stored, the snippets there are. */
    private final Map<String, AtomicLong> visits = new ConcurrentHashMap<>();
    private final Map<String, List<String>> tags = new ConcurrentHashMap<>();
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger saved = new AtomicInteger();
    private long seed;

    /** A raw store on this run's storage, reading and writing through {@code codecs}. */
    protected abstract PlaygroundStore openStore(Codecs codecs);

    /** Moves to new, empty storage for the next run. */
    protected abstract void freshStorage();

    /** After each run that passed: backend checks of the storage it left. */
    protected void afterRun() {
    }

    /** One function instance: its code, its entry in the registry (heartbeat, pin), its store. */
    private final class Instance {
        final String release;
        final boolean next;
        final AutoPin pin;
        final PlaygroundStore store;
        boolean stopped;

        Instance(String release, boolean next) {
            this.release = release;
            this.next = next;
            Codecs code = next ? Codecs.current().with(tagged) : Codecs.current();
            this.pin = new AutoPin(code, new UpgradeSettings(release, INTERVAL, GRACE), clock);
            this.store = UpgradingStore.wrap(openStore(pin.codecs()), pin);
        }

        void stop() {
            if (!stopped) {
                stopped = true;
                store.close();
            }
        }
    }

    private Instance start(String release, boolean next) {
        Instance i = new Instance(release, next);
        instances.add(i);
        return i;
    }

    @AfterEach
    void stopInstances() {
        stopRun();
    }

    private void stopRun() {
        if (pool != null) {
            pool.shutdownNow();
        }
        instances.forEach(Instance::stop);
        instances.clear();
    }

    /** One test, {@code rolling.runs} runs (default 1), each on fresh storage with its own instances and clock. */
    @TestFactory
    Stream<DynamicTest> rollingUpgradeFromNToNPlusOne() {
        return IntStream.rangeClosed(1, RUNS).mapToObj(run -> DynamicTest.dynamicTest("run " + run, () -> {
            stopRun();
            clock = new MutableClock(T0);
            pool = Executors.newFixedThreadPool(3);
            visits.clear();
            tags.clear();
            ids.clear();
            saved.set(0);
            seed = System.nanoTime();
            freshStorage();
            runOnce();
            stopRun();
            afterRun();
        }));
    }

    private void runOnce() throws Exception {
        // Release N serving, with legacy snippets (1.0, a property no code knows) and its own.
        Instance n = start("N", false);
        Instance idle = start("N", false);
        for (int i = 0; i < 24; i++) {
            String id = String.format("L%02d", i);
            VersioningContract.writeLegacy(n.store, id, 2);
            ids.add(id);
        }
        for (int i = 0; i < 6; i++) {
            save(n, "S" + i);
        }
        idle.store.countSnippets(); // reports once, then stays silent: an instance that gets no traffic
        rounds(List.of(n), 2);

        // N+1 starts beside it and writes what N writes.
        Instance next = start("N+1", true);
        rounds(List.of(n, next), 3);
        assertEquals(Map.of(Snippet.KIND, V11), next.pin.currentPins(), seed());
        assertEquals(Map.of(), n.pin.currentPins(), seed());
        check(List.of(n, next), V11);

        // Maintenance (an N+1 instance): 0.0.1 and 0.0.2 run, 0.0.3 waits for N, with traffic on both.
        Instance maintenance = start("N+1", true);
        MigrationRunner runner = new MigrationRunner(versions());
        List<MigrationReport> reports = whileServing(List.of(n, next),
                () -> runner.runPending(context(maintenance, MigrationContext.Listener.NONE)));
        MigrationReport waiting = reports.get(reports.size() - 1);
        assertEquals("0.0.3", waiting.version(), reports + seed());
        assertEquals("waiting", waiting.status(), reports + seed());
        List<MigrationGate.Blocker> old = waiting.waitingFor().stream().filter(b -> b.olderThan(V12)).toList();
        assertEquals(List.of("N"), old.stream().map(MigrationGate.Blocker::release).distinct().toList(), seed());
        assertTrue(old.stream().allMatch(b -> b.writes().equals(V11) && !b.age().isNegative()), old::toString);
        assertEquals(0, waiting.done());
        assertEquals(List.of("0.0.3"), runner.pending(next.store).stream().map(Version::version).toList());
        check(List.of(n, next), V11);

        // N stops. Once it has been silent for the grace period it no longer counts, and N+1's pin lifts.
        n.stop();
        for (Duration passed = Duration.ZERO; passed.compareTo(GRACE.plus(INTERVAL)) <= 0; passed = passed.plus(STEP)) {
            clock.advance(STEP);
            rounds(List.of(next), 1);
        }
        assertEquals(Map.of(), next.pin.currentPins(), seed());
        check(List.of(next), V12);

        // The migration runs with traffic on N+1, is killed half way, resumes on another instance and finishes.
        AtomicInteger seen = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        MigrationContext.Listener killer = (version, key, changed) -> {
            if (version.equals("0.0.3") && seen.incrementAndGet() == 20 && killed.compareAndSet(false, true)) {
                throw new IllegalStateException("killed");
            }
        };
        Exception crash = whileServing(List.of(next), () -> assertThrows(IllegalStateException.class,
                () -> runner.runPending(context(maintenance, killer))));
        assertEquals("killed", crash.getMessage());
        maintenance.stop();
        check(List.of(next), V12);
        Instance resumed = start("N+1", true);
        List<MigrationReport> finished = whileServing(List.of(next),
                () -> runner.runPending(context(resumed, killer)));
        assertEquals(List.of("complete"), finished.stream().map(MigrationReport::status).toList(), finished + seed());
        assertTrue(runner.pending(resumed.store).isEmpty());
        rounds(List.of(next), 2);
        check(List.of(next, resumed), V12);
        assertAllAt(next.store, V12);

        // Old code comes back after the migration: the instance that was idle (its registration lapsed), and N
        // started again. Both read every snippet; neither may write one (below 1.2), nor hold the pin down.
        clock.advance(INTERVAL);
        Instance restarted = start("N", false);
        List<String> refused = new ArrayList<>();
        for (Instance back : List.of(idle, restarted)) {
            assertEquals(ids.size(), back.store.countSnippets());
            for (String id : ids) {
                assertTrue(back.store.findSnippet(id).isPresent(), id);
            }
            String late = "late" + refused.size();
            try {
                back.store.saveSnippet(VersioningContract.snippet(late, Origin.PG_USER, 1, clock.instant()));
                ids.add(late);
            } catch (OutdatedReleaseException e) {
                refused.add("save");
            }
            try {
                touch(back, "L0" + refused.size(), 0);
            } catch (OutdatedReleaseException e) {
                refused.add("touch");
            }
        }
        assertAllAt(next.store, V12); // what old code writing after the migration would break
        assertEquals(List.of("save", "touch", "save", "touch"), refused);
        clock.advance(INTERVAL);
        rounds(List.of(next), 2);
        assertEquals(Map.of(), next.pin.currentPins(), "old code holds no pin down: " + seed());
        List<String> liveReleases = new InstanceRegistry(next.store).live(clock.instant(), next.pin.settings()).stream()
                .map(InstanceEntry::release).distinct().toList();
        assertEquals(List.of("N+1"), liveReleases);
        check(List.of(next), V12);
        assertAllAt(next.store, V12);
    }

    private List<Version> versions() {
        List<Version> all = new ArrayList<>(Migrations.all());
        all.add(new TagsBackfill(tagged));
        return all;
    }

    private MigrationContext context(Instance on, MigrationContext.Listener listener) {
        return new MigrationContext(on.store, 5, FAR, clock, listener, on.pin.gate());
    }

    private String seed() {
        return " (seed " + seed + ")";
    }

    // --- traffic ---

    /** Runs {@code work} on one thread while the instances serve traffic on others, until it is done. */
    private <T> T whileServing(List<Instance> serving, java.util.concurrent.Callable<T> work) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        List<Future<?>> traffic = new ArrayList<>();
        for (Instance i : serving) {
            Random rnd = new Random(seed + traffic.size() + 7);
            traffic.add(pool.submit(() -> {
                int rounds = 0;
                // At least a few operations, then until the work is done (bounded).
                while ((rounds < 5 || !done.get()) && rounds < 300) {
                    serve(i, rnd);
                    rounds++;
                }
                return null;
            }));
        }
        try {
            return work.call();
        } finally {
            done.set(true);
            for (Future<?> f : traffic) {
                f.get();
            }
        }
    }

    /** {@code count} rounds of a few operations on every instance at once. */
    private void rounds(List<Instance> serving, int count) throws Exception {
        for (int r = 0; r < count; r++) {
            List<Future<?>> all = new ArrayList<>();
            for (Instance i : serving) {
                Random rnd = new Random(seed + r * 31L + all.size());
                all.add(pool.submit(() -> {
                    for (int k = 0; k < 6; k++) {
                        serve(i, rnd);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
    }

    /** One request's worth: a visit, a read-modify-write of a stored snippet, or a new snippet. */
    private void serve(Instance i, Random rnd) {
        List<String> known = new ArrayList<>(ids);
        Collections.sort(known);
        String id = known.get(rnd.nextInt(known.size()));
        int op = rnd.nextInt(6);
        if (op < 3) {
            if (i.store.visitSnippet(id, clock.instant()).isPresent()) {
                visits.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
            }
        } else if (op < 5) {
            touch(i, id, rnd.nextInt(1000));
        } else {
            save(i, (i.next ? "X" : "N") + saved.incrementAndGet());
        }
    }

    /**
     * A new snippet. N saves through its store; N+1's store has no saveSnippet for a snippet at 1.2 (its
     * snippet codec is the test's {@link TaggedSnippetCodec}), so it writes the snippet and then its files as
     * versioned objects, at its pinned version. The id is used only once both are stored.
     */
    private void save(Instance i, String id) {
        Snippet s = VersioningContract.snippet(id, Origin.PG_USER, 1 + id.length() % 2, T0);
        if (!i.next) {
            i.store.saveSnippet(s);
        } else {
            Codecs codecs = i.store.codecs();
            for (VersionedObject f : codecs.files().writeAll(s, codecs.writeVersion(Snippet.FILE_KIND))) {
                i.store.write(Snippet.FILE_KIND, f.key(), ignored -> Optional.of(f));
            }
            i.store.write(Snippet.KIND, id, ignored -> Optional.of(tagged.write(id,
                    new TaggedSnippetCodec.Tagged(s, List.of()), codecs.writeVersion(Snippet.KIND))));
        }
        ids.add(id);
    }

    /**
     * A read-modify-write as each release's code does it through its codec: N changes the pipeline options,
     * N+1 sets tags. Each keeps what it does not know; N+1's tags are stored only when it writes at 1.2.
     */
    private void touch(Instance i, String id, int n) {
        List<String> newTags = List.of("t" + n);
        Optional<VersionedObject> after = i.store.write(Snippet.KIND, id, current -> current.map(o -> {
            ObjectVersion target = i.store.codecs().writeVersion(Snippet.KIND);
            Snippet s = withFiles(Codecs.current().snippets().read(o), o);
            if (!i.next) {
                Snippet changed = new Snippet(s.id(), s.sdk(), "--run=" + n, s.complexity(), s.persistenceKey(),
                        s.origin(), s.ownerId(), s.created(), s.lastVisited(), s.visitCount(), s.schemaVersion(),
                        s.files(), s.datasets());
                return Codecs.current().snippets().writeOver(o, id, changed, target);
            }
            return tagged.writeOver(o, id, new TaggedSnippetCodec.Tagged(s, newTags), target);
        }));
        // One thread writes tags per instance, and only N+1 instances write them: the last write stored wins.
        if (i.next && after.isPresent() && after.get().version().equals(V12)) {
            tags.put(id, newTags);
        }
    }

    /** The codec writes numberOfFiles from the snippet's files; the files themselves are not rewritten here. */
    private static Snippet withFiles(Snippet s, VersionedObject o) {
        List<SnippetFile> files = Collections.nCopies((int) SnippetCodec.numberOfFiles(o),
                new SnippetFile("f", "unused", false, 0));
        return new Snippet(s.id(), s.sdk(), s.pipelineOptions(), s.complexity(), s.persistenceKey(), s.origin(),
                s.ownerId(), s.created(), s.lastVisited(), s.visitCount(), s.schemaVersion(), files, s.datasets());
    }

    // --- checks ---

    /**
     * Every snippet is readable by every live instance (through its codec and its store, with its files), no
     * property is lost, visit counts are exact, and no snippet is above {@code highest}.
     */
    private void check(List<Instance> live, ObjectVersion highest) {
        Map<String, VersionedObject> stored = all(live.get(0).store);
        assertEquals(new TreeSet<>(ids), stored.keySet(), seed());
        for (VersionedObject o : stored.values()) {
            String id = o.key();
            assertFalse(o.version().isAfter(highest), id + " at " + o.version() + seed());
            for (Instance i : live) {
                Snippet read = i.store.findSnippet(id).orElseThrow();
                assertEquals(SnippetCodec.numberOfFiles(o), read.files().size(), id);
                if (i.next) {
                    assertEquals(tags.getOrDefault(id, List.of()), tagged.read(o).tags(), "tags of " + id + seed());
                } else {
                    assertEquals(read.sdk(), Codecs.current().snippets().read(o).sdk(), id);
                }
            }
            long counted = visits.getOrDefault(id, new AtomicLong()).get();
            assertEquals(counted, Codecs.current().snippets().read(o).visitCount(), "visits of " + id + seed());
            if (id.startsWith("L")) {
                assertEquals("from Go " + id, o.properties().text(NOTE, null), "unknown property of " + id + seed());
            }
        }
    }

    private static void assertAllAt(PlaygroundStore store, ObjectVersion version) {
        for (VersionedObject o : all(store).values()) {
            assertEquals(version, o.version(), o.key());
            assertTrue(o.properties().has(TaggedSnippetCodec.TAGS), o.key());
        }
    }

    private static Map<String, VersionedObject> all(PlaygroundStore store) {
        Map<String, VersionedObject> out = new TreeMap<>();
        String after = "";
        for (List<String> keys = store.keysAfter(Snippet.KIND, after, 50); !keys.isEmpty();
             keys = store.keysAfter(Snippet.KIND, after, 50)) {
            for (String k : keys) {
                store.read(Snippet.KIND, k).ifPresent(o -> out.put(k, o));
            }
            after = keys.get(keys.size() - 1);
        }
        return out;
    }
}
