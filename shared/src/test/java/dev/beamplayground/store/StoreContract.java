package dev.beamplayground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the persistence port. Every backend runs it by extending this class; each test
 * starts on a fresh, empty store.
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
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> saves = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Snippet s = snippet("race" + i, "racy-key", 2);
                saves.add(pool.submit(() -> store.saveSnippet(s)));
            }
            for (Future<Boolean> f : saves) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, store.snippetIdsByPersistenceKey("racy-key").size());
        assertEquals(1, store.countSnippets());
        assertEquals(2, store.countFiles());
    }
}
