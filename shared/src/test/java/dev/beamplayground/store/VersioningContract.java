package dev.beamplayground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.maintenance.StaleSnippetCleanup;
import dev.beamplayground.migration.InitialVersion;
import dev.beamplayground.migration.MigrationContext;
import dev.beamplayground.migration.MigrationReport;
import dev.beamplayground.migration.MigrationRunner;
import dev.beamplayground.migration.Migrations;
import dev.beamplayground.migration.SnippetComplexityDefault;
import dev.beamplayground.migration.Version;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyValue;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.TaggedSnippetCodec;
import dev.beamplayground.versioning.TagsBackfill;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Versioned objects, migrations and cleanup on one backend. {@link #open(Codecs)} opens another store
 * (another code version, say) on the same storage; each test gets fresh storage.
 */
public abstract class VersioningContract {
    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Instant FAR = T0.plus(3650, ChronoUnit.DAYS);

    private final List<PlaygroundStore> opened = new ArrayList<>();

    /** A store on this test's storage, reading and writing through {@code codecs}. */
    protected abstract PlaygroundStore openStore(Codecs codecs);

    protected PlaygroundStore open(Codecs codecs) {
        PlaygroundStore s = openStore(codecs);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(PlaygroundStore::close);
    }

    private static MigrationContext context(PlaygroundStore store, int batch, MigrationContext.Listener listener) {
        return new MigrationContext(store, batch, FAR, Clock.fixed(T0, ZoneOffset.UTC), listener);
    }

    static Snippet snippet(String id, Origin origin, int files, Instant lastVisited) {
        List<SnippetFile> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            list.add(new SnippetFile("f" + i + ".py", "print(" + i + ") # " + id, i == 0, 0));
        }
        return new Snippet(id, Sdk.SDK_PYTHON, "", Complexity.COMPLEXITY_BASIC, "", origin, "", T0, lastVisited, 0,
                SchemaVersion.CURRENT, list, List.of());
    }

    /** A snippet as an older Beam Playground wrote it: no objVer, no complexity, and one property we never wrote. */
    static void writeLegacy(PlaygroundStore store, String id, int files) {
        Codecs c = store.codecs();
        Snippet s = snippet(id, Origin.PG_USER, files, T0);
        VersionedObject current = c.snippets().write(id, s, SnippetCodec.PREVIOUS);
        VersionedObject legacy = new VersionedObject(Snippet.KIND, id, ObjectVersion.INITIAL,
                current.properties().without(SnippetCodec.COMPLEXITY)
                        .with("legacyNote", new PropertyValue.Text("from Go " + id)));
        store.write(Snippet.KIND, id, ignored -> Optional.of(legacy));
        for (VersionedObject f : c.files().writeAll(s, ObjectVersion.INITIAL)) {
            store.write(Snippet.FILE_KIND, f.key(), ignored -> Optional.of(f));
        }
    }

    private static Map<String, VersionedObject> all(PlaygroundStore store, String kind) {
        Map<String, VersionedObject> out = new TreeMap<>();
        String after = "";
        while (true) {
            List<String> keys = store.keysAfter(kind, after, 7);
            if (keys.isEmpty()) {
                return out;
            }
            for (String k : keys) {
                store.read(kind, k).ifPresent(o -> out.put(k, o));
            }
            after = keys.get(keys.size() - 1);
        }
    }

    @Test
    void readAfterPagesTheObjectsOfAKindInKeyOrder() {
        PlaygroundStore store = open(Codecs.current());
        for (String id : List.of("p07", "p03", "p01", "p05", "p09", "p02", "p08", "p04", "p06")) {
            writeLegacy(store, id, 1);
        }
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = "";
        // Full pages until the short one, which is the last: no call to learn that nothing follows.
        for (List<VersionedObject> page = store.readAfter(Snippet.KIND, after, 4); ;
             page = store.readAfter(Snippet.KIND, after, 4)) {
            assertTrue(sizes.size() < 3, () -> "a fourth page after " + seen);
            sizes.add(page.size());
            for (VersionedObject o : page) {
                assertEquals(store.read(Snippet.KIND, o.key()).orElseThrow(), o);
                seen.add(o.key());
            }
            if (page.size() < 4) {
                break;
            }
            after = page.get(page.size() - 1).key();
        }
        assertEquals(List.of(4, 4, 1), sizes);
        assertEquals(List.of("p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08", "p09"), seen);
        assertEquals(List.of("p06", "p07"), store.readAfter(Snippet.KIND, "p05", 2).stream().map(VersionedObject::key)
                .toList());
        assertEquals(List.of(), store.readAfter(Snippet.KIND, "p09", 4));

        List<String> scanned = new ArrayList<>();
        store.scan(Snippet.KIND, 2, o -> scanned.add(o.key()));
        assertEquals(seen, scanned);
        scanned.clear();
        store.scan(Snippet.KIND, 2, o -> scanned.add(o.key()) && scanned.size() < 3);
        assertEquals(List.of("p01", "p02", "p03"), scanned);
    }

    @Test
    void deleteAllIfRemovesWhatStillMatchesOnly() {
        PlaygroundStore store = open(Codecs.current());
        for (String id : List.of("d1", "d2", "d3", "d4")) {
            writeLegacy(store, id, 1);
        }

        List<String> removed = store.deleteAllIf(Snippet.KIND, List.of("d1", "d2", "d3", "d9"),
                o -> !o.key().equals("d2"));

        assertEquals(List.of("d1", "d3"), removed.stream().sorted().toList());
        assertEquals(Optional.empty(), store.read(Snippet.KIND, "d1"));
        assertTrue(store.read(Snippet.KIND, "d2").isPresent());
        assertEquals(Optional.empty(), store.read(Snippet.KIND, "d3"));
        assertTrue(store.read(Snippet.KIND, "d4").isPresent());
        assertEquals(List.of(), store.deleteAllIf(Snippet.KIND, List.of(), o -> true));
    }

    @Test
    void replaceStoresTheObjectWholeWhateverWasStored() {
        PlaygroundStore store = open(Codecs.current());
        writeLegacy(store, "r1", 2);
        writeLegacy(store, "r3", 1);
        VersionedObject stored = store.read(Snippet.KIND, "r1").orElseThrow();

        VersionedObject fresh = new VersionedObject(Snippet.KIND, "r2", stored.version(), stored.properties());
        store.replace(fresh);
        assertEquals(fresh, store.read(Snippet.KIND, "r2").orElseThrow());
        // Over a stored object: a property the replacement lacks is gone.
        VersionedObject replacement = new VersionedObject(Snippet.KIND, "r3", stored.version(),
                stored.properties().without("legacyNote"));
        store.replace(replacement);
        assertEquals(replacement, store.read(Snippet.KIND, "r3").orElseThrow());
        assertEquals(stored, store.read(Snippet.KIND, "r1").orElseThrow());
    }

    @Test
    void initialVersionWritesTheSdksAndRecordsItself() {
        PlaygroundStore store = open(Codecs.current());
        MigrationRunner runner = new MigrationRunner(List.of(new InitialVersion()));

        List<MigrationReport> reports = runner.runPending(context(store, 10, MigrationContext.Listener.NONE));

        assertEquals(List.of(new MigrationReport("0.0.1", 4, 4, true)), reports);
        assertEquals(List.of("SDK_GO", "SDK_JAVA", "SDK_PYTHON", "SDK_SCIO"), List.copyOf(all(store, Sdk.KIND).keySet()));
        assertEquals("Data initialization: a schema version and SDKs", store.read(SchemaVersion.KIND, "0.0.1")
                .orElseThrow().properties().text("descr", null));
        assertTrue(runner.pending(store).isEmpty());
    }

    @Test
    void runningTheMigrationsTwiceChangesNothing() {
        PlaygroundStore store = open(Codecs.current());
        for (int i = 0; i < 12; i++) {
            writeLegacy(store, "legacy" + i, 2);
        }
        MigrationRunner runner = new MigrationRunner(Migrations.all());
        List<MigrationReport> first = runner.runPending(context(store, 5, MigrationContext.Listener.NONE));
        // 0.0.2 walks the snippets twice: the second pass finds nothing left to change, which ends it.
        assertEquals(List.of(new MigrationReport("0.0.1", 4, 4, true), new MigrationReport("0.0.2", 24, 12, true)), first);
        Map<String, VersionedObject> snippets = all(store, Snippet.KIND);
        Map<String, VersionedObject> sdks = all(store, Sdk.KIND);
        Map<String, VersionedObject> versions = all(store, SchemaVersion.KIND);

        assertEquals(List.of(), runner.runPending(context(store, 5, MigrationContext.Listener.NONE)));
        // Forced again, past the records: every object is migrated already, so nothing is written.
        assertEquals(0, new InitialVersion().migrate(context(store, 5, MigrationContext.Listener.NONE)).done());
        store.write(dev.beamplayground.migration.MigrationProgress.KIND, "0.0.2", ignored -> Optional.empty());

        assertEquals(snippets, all(store, Snippet.KIND));
        assertEquals(sdks, all(store, Sdk.KIND));
        assertEquals(versions, all(store, SchemaVersion.KIND));
        assertEquals(List.of("0.0.1", "0.0.2"), List.copyOf(versions.keySet()));
    }

    @Test
    void snippetMigrationUpgradesLegacySnippetsKeepingUnknownProperties() {
        PlaygroundStore store = open(Codecs.current());
        for (int i = 0; i < 7; i++) {
            writeLegacy(store, "legacy" + i, 1);
        }
        store.saveSnippet(snippet("current", Origin.PG_USER, 1, T0));

        MigrationReport report = new SnippetComplexityDefault().migrate(context(store, 3, MigrationContext.Listener.NONE));

        assertEquals(new MigrationReport("0.0.2", 16, 7, true), report, "a changing pass and a pass that finds nothing");
        for (VersionedObject o : all(store, Snippet.KIND).values()) {
            assertEquals(SnippetCodec.VERSION, o.version(), o.key());
            assertTrue(List.of("COMPLEXITY_UNSPECIFIED", "COMPLEXITY_BASIC")
                    .contains(o.properties().text("complexity", "")), o.key());
        }
        VersionedObject legacy = store.read(Snippet.KIND, "legacy3").orElseThrow();
        assertEquals("from Go legacy3", legacy.properties().text("legacyNote", null));
        assertEquals("COMPLEXITY_UNSPECIFIED", legacy.properties().text("complexity", null));
        assertEquals(Complexity.COMPLEXITY_UNSPECIFIED, store.findSnippet("legacy3").orElseThrow().complexity());
    }

    @Test
    void aMigrationKilledHalfWayResumesAndFinishesWithTheSameResult() {
        PlaygroundStore store = open(Codecs.current());
        for (int i = 0; i < 20; i++) {
            writeLegacy(store, String.format("k%02d", i), 1);
        }
        Map<String, VersionedObject> expected = new TreeMap<>();
        all(store, Snippet.KIND).forEach((k, o) -> expected.put(k, store.codecs().snippets().upgrade(o)));
        AtomicInteger seen = new AtomicInteger();
        MigrationContext.Listener killer = (version, key, changed) -> {
            if (seen.incrementAndGet() == 13) {
                throw new IllegalStateException("killed");
            }
        };
        MigrationRunner runner = new MigrationRunner(List.of(new SnippetComplexityDefault()));

        assertThrows(IllegalStateException.class, () -> runner.runPending(context(store, 5, killer)));
        assertFalse(runner.pending(store).isEmpty(), "not recorded while unfinished");
        VersionedObject checkpoint = store.read(dev.beamplayground.migration.MigrationProgress.KIND, "0.0.2").orElseThrow();
        assertEquals("k09", checkpoint.properties().text("cursor", null));
        assertEquals(10, checkpoint.properties().integer("found", 0));

        PlaygroundStore restarted = open(Codecs.current());
        List<MigrationReport> reports = runner.runPending(context(restarted, 5, MigrationContext.Listener.NONE));

        // The three objects of the killed batch were changed before the kill: found again, not changed again;
        // then a second pass over all 20 finds nothing left.
        assertEquals(List.of(new MigrationReport("0.0.2", 40, 17, true)), reports);
        assertEquals(expected, all(restarted, Snippet.KIND));
        assertTrue(runner.pending(restarted).isEmpty());
    }

    @Test
    void aPinnedWriterWritesThePreviousVersionThatOldReadersRead() {
        PlaygroundStore pinned = open(Codecs.current().pinned("pg_snippets=1.0"));
        PlaygroundStore current = open(Codecs.current());
        TaggedSnippetCodec tagged = new TaggedSnippetCodec();
        PlaygroundStore nextPinned = open(Codecs.current().with(tagged).pinned("pg_snippets=1.1"));

        pinned.saveSnippet(snippet("p1", Origin.PG_USER, 2, T0));
        VersionedObject written = nextPinned.write(Snippet.KIND, "t1", ignored -> Optional.of(tagged.write("t1",
                new TaggedSnippetCodec.Tagged(snippet("t1", Origin.PG_USER, 0, T0), List.of("a")),
                nextPinned.codecs().writeVersion(Snippet.KIND)))).orElseThrow();

        assertEquals(SnippetCodec.PREVIOUS, current.read(Snippet.KIND, "p1").orElseThrow().version());
        assertEquals(snippet("p1", Origin.PG_USER, 2, T0), current.findSnippet("p1").orElseThrow());
        assertEquals(SnippetCodec.VERSION, written.version());
        assertFalse(current.read(Snippet.KIND, "t1").orElseThrow().properties().has("tags"), "pinned: no 1.2 field");
        assertEquals(Sdk.SDK_PYTHON, current.codecs().snippets().read(current.read(Snippet.KIND, "t1").orElseThrow()).sdk());
    }

    @Test
    void staleUserSnippetsGoWithTheirFilesAndNothingElseDoes() {
        PlaygroundStore store = open(Codecs.current());
        Instant now = T0.plus(200, ChronoUnit.DAYS);
        Instant old = now.minus(101, ChronoUnit.DAYS);
        Instant recent = now.minus(99, ChronoUnit.DAYS);
        for (int i = 0; i < 5; i++) {
            store.saveSnippet(snippet("oldPg" + i, Origin.PG_USER, 3, old.minusSeconds(i)));
        }
        store.saveSnippet(new Snippet("oldTb", Sdk.SDK_JAVA, "", Complexity.COMPLEXITY_BASIC, "tob-key", Origin.TB_USER,
                "", T0, old, 0, SchemaVersion.CURRENT, snippet("x", Origin.TB_USER, 2, old).files(), List.of()));
        store.saveSnippet(snippet("recent", Origin.PG_USER, 1, recent));
        store.saveSnippet(snippet("SDK_PYTHON_Example", Origin.PG_SNIPPETS, 2, old));
        store.saveSnippet(snippet("visitedNow", Origin.PG_USER, 1, old));
        assertEquals(9, store.countSnippets());
        assertEquals(21, store.countFiles());
        store.visitSnippet("visitedNow", now);

        StaleSnippetCleanup.CleanupReport report = new StaleSnippetCleanup(store)
                .run(Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(100), 2, now.plusSeconds(60));

        assertEquals(new StaleSnippetCleanup.CleanupReport(now.minus(Duration.ofDays(100)), 6, 6, true), report);
        assertEquals(3, store.countSnippets());
        assertEquals(1 + 2 + 1, store.countFiles(), "no orphaned files");
        assertTrue(store.findSnippet("recent").isPresent());
        assertTrue(store.findSnippet("SDK_PYTHON_Example").isPresent());
        assertTrue(store.findSnippet("visitedNow").isPresent());
        assertEquals(0, store.deleteStaleUserSnippets(List.of("visitedNow", "recent", "SDK_PYTHON_Example"),
                now.minus(Duration.ofDays(100))), "what is not stale (any more) is kept");
    }

    /**
     * A rolling upgrade: code N (these codecs) and code N+1 (snippet 1.2 with tags) work on one store,
     * N+1 first pinned to N's version, then unpinned while N still runs and N+1's migration runs, is
     * killed half-way, and is restarted.
     */
    @Test
    void liveUpgradeWithCodeNAndNPlusOneWhileTheMigrationRunsAndIsKilled() throws Exception {
        TaggedSnippetCodec tagged = new TaggedSnippetCodec();
        PlaygroundStore n = open(Codecs.current());
        PlaygroundStore nextPinned = open(Codecs.current().with(tagged).pinned("pg_snippets=1.1"));
        PlaygroundStore next = open(Codecs.current().with(tagged));
        for (int i = 0; i < 30; i++) {
            writeLegacy(n, String.format("L%02d", i), 2);
        }
        Map<String, List<String>> tagsWritten = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> visits = new ConcurrentHashMap<>();

        // Phase 1: N+1 pinned to 1.1 beside N: everything it writes N reads as its own version.
        for (int i = 0; i < 5; i++) {
            String id = "P" + i;
            nextPinned.write(Snippet.KIND, id, cur -> Optional.of(tagged.write(id, new TaggedSnippetCodec.Tagged(
                    snippet(id, Origin.PG_USER, 0, T0), List.of("pinned")), SnippetCodec.VERSION)));
            n.visitSnippet(id, T0.plusSeconds(1));
            visits.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
        for (VersionedObject o : all(n, Snippet.KIND).values()) {
            assertFalse(o.version().isAfter(SnippetCodec.VERSION), o.key());
        }

        // Phase 2: N+1 unpinned, N still serving, the N+1 migration running (and killed once).
        Version tagsBackfill = new TagsBackfill(tagged);
        List<Version> versions = new ArrayList<>(Migrations.all());
        versions.add(tagsBackfill);
        MigrationRunner runner = new MigrationRunner(versions);
        AtomicInteger migrated = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        MigrationContext.Listener killHalfWay = (version, key, changed) -> {
            if (version.equals("0.0.3") && migrated.incrementAndGet() == 20 && killed.compareAndSet(false, true)) {
                throw new IllegalStateException("killed");
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> oldCode = pool.submit(() -> {
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 30; i += 2) {
                        String id = String.format("L%02d", i);
                        n.visitSnippet(id, T0.plusSeconds(10 + round));
                        visits.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                    n.saveSnippet(snippet("N" + round, Origin.PG_USER, 1, T0));
                }
                return null;
            });
            Future<?> newCode = pool.submit(() -> {
                for (int i = 1; i < 30; i += 3) {
                    String id = String.format("L%02d", i);
                    List<String> tags = List.of("t" + i);
                    next.write(Snippet.KIND, id, cur -> cur.map(o -> {
                        TaggedSnippetCodec.Tagged t = tagged.read(o);
                        return tagged.rewrite(o, new TaggedSnippetCodec.Tagged(t.snippet(), tags),
                                next.codecs().writeVersion(Snippet.KIND));
                    }));
                    tagsWritten.put(id, tags);
                }
                for (int i = 0; i < 4; i++) {
                    String id = "X" + i;
                    List<String> tags = List.of("new" + i);
                    next.write(Snippet.KIND, id, cur -> Optional.of(tagged.write(id, new TaggedSnippetCodec.Tagged(
                            snippet(id, Origin.PG_USER, 0, T0), tags), TaggedSnippetCodec.VERSION)));
                    tagsWritten.put(id, tags);
                }
                return null;
            });
            Future<?> migration = pool.submit(() -> {
                assertThrows(IllegalStateException.class, () -> runner.runPending(context(next, 4, killHalfWay)));
                PlaygroundStore restarted = open(Codecs.current().with(tagged));
                List<MigrationReport> reports = runner.runPending(context(restarted, 4, killHalfWay));
                assertTrue(reports.get(reports.size() - 1).complete(), reports::toString);
                return null;
            });
            oldCode.get();
            newCode.get();
            migration.get();
        } finally {
            pool.shutdown();
        }
        assertTrue(killed.get(), "the migration was killed once");
        assertTrue(runner.pending(next).isEmpty());

        Map<String, VersionedObject> snippets = all(n, Snippet.KIND);
        assertEquals(30 + 5 + 3 + 4, snippets.size());
        for (VersionedObject o : snippets.values()) {
            List<SnippetFile> files = n.findSnippet(o.key()).orElseThrow().files();
            Snippet byN = n.codecs().snippets().read(o, files);
            TaggedSnippetCodec.Tagged byNext = tagged.read(o);
            assertEquals(byN.files().size(), SnippetCodec.numberOfFiles(o));
            assertEquals(byN.sdk(), byNext.snippet().sdk());
            assertEquals(visits.getOrDefault(o.key(), new AtomicInteger()).get(), byN.visitCount(),
                    "every visit of N counted: " + o.key());
            assertEquals(tagsWritten.getOrDefault(o.key(), List.of()), byNext.tags(), "tags of N+1 kept: " + o.key());
            if (o.key().startsWith("L")) {
                assertEquals("from Go " + o.key(), o.properties().text("legacyNote", null), "unknown property kept");
                assertEquals(TaggedSnippetCodec.VERSION, o.version(), "migrated: " + o.key());
            }
        }
    }
}
