package dev.beamplayground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the persistence port. Every backend runs it by extending this class (a third-party
 * backend too: it is in {@code playground-shared}'s test-jar); each test starts on a fresh, empty store.
 * Covers saves, reads, persistence-key replacement, deletes, batches over the store's limits, concurrent
 * saves from several instances, unknown-property preservation, restart recovery and the transfer role.
 */
public abstract class StoreContract {
    /** Millisecond precision: what every backend keeps of a timestamp. */
    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    protected PlaygroundStore store;

    /** A new, empty store. */
    protected abstract PlaygroundStore newStore();

    /**
     * Writes a snippet and its files straight into the backend, past the persistence-key rule, the way
     * data written by Beam's racy save can look: several snippets under one key.
     */
    protected abstract void insertLegacy(Snippet snippet);

    /**
     * Closes nothing; returns a second store over the same data, open beside {@link #store} as another
     * process or function instance would be.
     */
    protected abstract PlaygroundStore openAnother();

    /**
     * Returns a new store over the same data after the backend restarted; {@link #store} is already closed.
     * A backend with a server restarts the server here when the test harness can.
     */
    protected abstract PlaygroundStore reopen();

    /**
     * Writes a snippet straight into the backend with one more property on the snippet entity, as a newer
     * code version would. {@code property} is a plain identifier.
     */
    protected abstract void insertWithUnknownProperty(Snippet snippet, String property, String value);

    /** The stored value of a property of a snippet entity, read straight from the backend. */
    protected abstract Optional<String> storedProperty(String snippetId, String property);

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected static Snippet snippet(String id, String persistenceKey, int files) {
        List<SnippetFile> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            list.add(new SnippetFile("File" + i + ".java", "class File" + i + " { /* " + id + " */ }", i == 0, i));
        }
        return new Snippet(id, Sdk.SDK_JAVA, "--runner=DirectRunner", Complexity.COMPLEXITY_MEDIUM, persistenceKey,
                persistenceKey.isEmpty() ? Origin.PG_USER : Origin.TB_USER, "", T0, T0, 0,
                SchemaVersion.CURRENT, list, List.of());
    }

    @Test
    void multiFileSnippetRoundTrips() {
        Snippet saved = new Snippet("multi1", Sdk.SDK_PYTHON, "--foo=bar", Complexity.COMPLEXITY_ADVANCED, "",
                Origin.PG_USER, "owner-1", T0, T0.plus(1, ChronoUnit.HOURS), 3, SchemaVersion.CURRENT,
                List.of(new SnippetFile("main.py", "import apache_beam as beam\nprint('ü ✓ 𝄞')\n", true, 2),
                        new SnippetFile("util.py", "def f():\n    return 1\n", false, 0),
                        new SnippetFile("data.txt", "", false, 0)),
                List.of(new DatasetRef("CountWords", "kafka", Map.of("topic", "words", "partitions", "2"))));

        assertTrue(store.saveSnippet(saved));

        assertEquals(saved, store.findSnippet("multi1").orElseThrow());
        assertEquals(1, store.countSnippets());
        assertEquals(3, store.countFiles());
    }

    @Test
    void unknownSnippetIsEmpty() {
        assertTrue(store.findSnippet("nope").isEmpty());
        assertTrue(store.visitSnippet("nope", T0).isEmpty());
    }

    @Test
    void savingAnExistingIdWritesNothing() {
        Snippet first = snippet("same", "", 2);
        assertTrue(store.saveSnippet(first));
        Snippet again = new Snippet("same", first.sdk(), first.pipelineOptions(), first.complexity(), "",
                first.origin(), "", T0.plusSeconds(60), T0.plusSeconds(60), 0, SchemaVersion.CURRENT,
                first.files(), List.of());

        assertFalse(store.saveSnippet(again));

        assertEquals(first, store.findSnippet("same").orElseThrow());
        assertEquals(1, store.countSnippets());
        assertEquals(2, store.countFiles());
    }

    @Test
    void visitCountsAndStampsTheVisit() {
        store.saveSnippet(snippet("v1", "", 2));
        Instant later = T0.plus(5, ChronoUnit.DAYS);

        Snippet first = store.visitSnippet("v1", later).orElseThrow();
        Snippet second = store.visitSnippet("v1", later.plusSeconds(1)).orElseThrow();

        assertEquals(2, first.files().size());
        assertEquals(1, first.visitCount());
        assertEquals(later, first.lastVisited());
        assertEquals(2, second.visitCount());
        Snippet read = store.findSnippet("v1").orElseThrow();
        assertEquals(2, read.visitCount());
        assertEquals(later.plusSeconds(1), read.lastVisited());
        assertEquals(T0, read.created());
    }

    @Test
    void persistenceKeySaveLeavesExactlyOneSnippetOfThatKeyAndNoOrphans() {
        store.saveSnippet(snippet("pk-a", "tob-user-1", 3));
        store.saveSnippet(snippet("pk-b", "tob-user-1", 2));
        store.saveSnippet(snippet("other", "tob-user-2", 1));
        store.saveSnippet(snippet("plain", "", 1));

        assertTrue(store.saveSnippet(snippet("pk-c", "tob-user-1", 4)));

        assertEquals(List.of("pk-c"), store.snippetIdsByPersistenceKey("tob-user-1"));
        assertTrue(store.findSnippet("pk-a").isEmpty());
        assertTrue(store.findSnippet("pk-b").isEmpty());
        assertEquals(3, store.countSnippets());
        assertEquals(4 + 1 + 1, store.countFiles());
    }

    @Test
    void resavingTheSurvivorOfAKeyKeepsIt() {
        store.saveSnippet(snippet("pk-a", "k", 1));
        assertFalse(store.saveSnippet(snippet("pk-a", "k", 1)));
        assertEquals(List.of("pk-a"), store.snippetIdsByPersistenceKey("k"));
        assertEquals(1, store.countFiles());
    }

    @Test
    void resavingAnExistingSnippetStillClearsOthersLeftUnderItsKey() {
        insertLegacy(snippet("left-a", "shared-key", 2));
        insertLegacy(snippet("left-b", "shared-key", 3));

        assertFalse(store.saveSnippet(snippet("left-a", "shared-key", 2)));

        assertEquals(List.of("left-a"), store.snippetIdsByPersistenceKey("shared-key"));
        assertEquals(2, store.countFiles());
    }

    @Test
    void largeFileRoundTrips() {
        String big = "x".repeat(999_000) + "é".repeat(500);
        Snippet saved = new Snippet("big", Sdk.SDK_GO, "", Complexity.COMPLEXITY_UNSPECIFIED, "", Origin.PG_USER, "",
                T0, T0, 0, SchemaVersion.CURRENT, List.of(new SnippetFile("main.go", big, true, 0)), List.of());
        store.saveSnippet(saved);
        assertEquals(big, store.findSnippet("big").orElseThrow().files().get(0).content());
    }

    @Test
    void replacingMoreThanOneCommitOfOldSnippetsBatchesInsteadOfFailing() {
        // 30 snippets of 20 files: 630 deletions, more than one Datastore commit may hold.
        for (int i = 0; i < 30; i++) {
            insertLegacy(snippet("old" + i, "heavy", 20));
        }
        assertEquals(30, store.snippetIdsByPersistenceKey("heavy").size());
        assertEquals(600, store.countFiles());

        store.saveSnippet(snippet("new", "heavy", 2));

        assertEquals(List.of("new"), store.snippetIdsByPersistenceKey("heavy"));
        assertEquals(1, store.countSnippets());
        assertEquals(2, store.countFiles());
    }

    @Test
    void deleteRemovesSnippetsWithTheirFilesInBatches() {
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> "d" + i).toList();
        ids.forEach(id -> store.saveSnippet(snippet(id, "", 2)));
        store.saveSnippet(snippet("keep", "", 1));

        List<String> toDelete = new ArrayList<>(ids);
        toDelete.add("unknown");
        assertEquals(300, store.deleteSnippets(toDelete));

        assertEquals(1, store.countSnippets());
        assertEquals(1, store.countFiles());
        assertTrue(store.findSnippet("keep").isPresent());
    }

    @Test
    void concurrentSavesOfOneKeyLeaveExactlyOneSurvivor() throws Exception {
        // 24 saves under one key from 8 threads over 3 instances of the store.
        List<PlaygroundStore> instances = List.of(store, openAnother(), openAnother());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> saves = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Snippet s = snippet("race" + i, "racy-key", 2 + i % 3);
                PlaygroundStore instance = instances.get(i % instances.size());
                saves.add(pool.submit(() -> instance.saveSnippet(s)));
            }
            for (Future<Boolean> f : saves) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
            instances.subList(1, instances.size()).forEach(PlaygroundStore::close);
        }
        List<String> survivors = store.snippetIdsByPersistenceKey("racy-key");
        assertEquals(1, survivors.size());
        assertEquals(1, store.countSnippets());
        // No orphans: the files in the store are exactly the survivor's.
        assertEquals(store.findSnippet(survivors.get(0)).orElseThrow().files().size(), store.countFiles());
    }

    @Test
    void anotherInstanceSeesWritesOfThisOne() {
        try (PlaygroundStore other = openAnother()) {
            assertTrue(store.saveSnippet(snippet("seen", "k-seen", 2)));
            assertEquals(snippet("seen", "k-seen", 2), other.findSnippet("seen").orElseThrow());
            assertTrue(other.saveSnippet(snippet("seen-2", "k-seen", 1)));
            assertEquals(List.of("seen-2"), store.snippetIdsByPersistenceKey("k-seen"));
            assertEquals(1, other.visitSnippet("seen-2", T0.plusSeconds(5)).orElseThrow().visitCount());
            assertEquals(1, store.findSnippet("seen-2").orElseThrow().visitCount());
            assertEquals(1, store.deleteSnippets(List.of("seen-2")));
            assertTrue(other.findSnippet("seen-2").isEmpty());
            assertEquals(0, other.countFiles());
        }
    }

    @Test
    void unknownPropertiesSurviveAVisit() {
        insertWithUnknownProperty(snippet("future", "", 2), "addedByANewerVersion", "kept ✓");

        Snippet visited = store.visitSnippet("future", T0.plusSeconds(30)).orElseThrow();

        assertEquals(1, visited.visitCount());
        assertEquals(snippet("future", "", 2).visited(T0.plusSeconds(30)), store.findSnippet("future").orElseThrow());
        assertEquals(Optional.of("kept ✓"), storedProperty("future", "addedByANewerVersion"));
    }

    @Test
    void everythingIsThereAfterARestart() {
        store.saveSnippet(snippet("r-1", "", 3));
        store.saveSnippet(snippet("r-2", "key-r", 1));
        store.saveSnippet(snippet("r-3", "key-r", 2)); // replaces r-2
        store.saveSnippet(snippet("r-4", "", 1));
        store.visitSnippet("r-1", T0.plusSeconds(7));
        store.deleteSnippets(List.of("r-4"));
        List<Snippet> before = store.snippetPage("", 100);

        store.close();
        store = reopen();

        assertEquals(before, store.snippetPage("", 100));
        assertEquals(List.of("r-3"), store.snippetIdsByPersistenceKey("key-r"));
        assertEquals(2, store.countSnippets());
        assertEquals(5, store.countFiles());
        assertEquals(1, store.findSnippet("r-1").orElseThrow().visitCount());
        // Writing goes on where it left off: the deleted snippet can come back, the key still replaces.
        assertTrue(store.saveSnippet(snippet("r-4", "", 1)));
        assertTrue(store.saveSnippet(snippet("r-5", "key-r", 1)));
        assertEquals(List.of("r-5"), store.snippetIdsByPersistenceKey("key-r"));
        assertEquals(3, store.countSnippets());
        assertEquals(5, store.countFiles());
    }

    @Test
    void pagesVisitEverySnippetOnceAndPutsAreIdempotent() {
        // 1,200 snippets: more than one commit, one lookup and one write batch of every backend.
        List<Snippet> all = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            all.add(snippet(String.format("p%05d", i), i % 100 == 0 ? "pk" + i : "", 1 + i % 3));
        }
        assertEquals(1200, store.putSnippets(all));
        long files = store.countFiles();

        List<Snippet> read = new ArrayList<>();
        String after = "";
        for (List<Snippet> page = store.snippetPage(after, 250); !page.isEmpty(); page = store.snippetPage(after, 250)) {
            read.addAll(page);
            after = page.get(page.size() - 1).id();
        }
        assertEquals(all, read);

        store.putSnippets(all.subList(0, 600));
        assertEquals(1200, store.countSnippets());
        assertEquals(files, store.countFiles());
        assertEquals(1, store.snippetIdsByPersistenceKey("pk100").size());
    }

    @Test
    void putReplacesASnippetWithItsFiles() {
        store.putSnippets(List.of(snippet("rep", "", 3)));
        Snippet smaller = snippet("rep", "", 1).visited(T0.plusSeconds(9));

        store.putSnippets(List.of(smaller));

        assertEquals(smaller, store.findSnippet("rep").orElseThrow());
        assertEquals(1, store.countFiles());
        assertNotEquals(snippet("rep", "", 3), store.findSnippet("rep").orElseThrow());
    }
}
