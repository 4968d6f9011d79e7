package dev.beamplayground.function.savesnippet;

import static dev.beamplayground.testing.ConnectAssertions.assertConnectError;
import static dev.beamplayground.testing.ConnectAssertions.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.CountingProxy;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.TestBackend;
import dev.beamplayground.testing.FunctionResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults of the snippet store under SaveSnippet, over HTTP.
 *
 * <p><b>How the emulator is taken away.</b> The emulator runs in memory ({@code --testing}): stopping it
 * would lose everything, and then "no partial snippet" would hold trivially. So the function reaches it
 * through a {@link CountingProxy} that cuts it off after the n-th RPC, for n over a range, while the
 * emulator itself keeps what it committed: the checks then read the emulator directly. Each cut either
 * refuses the RPC (the server is down) or lets it act and loses its answer (the server or the network
 * died just after, e.g. after a commit committed), and refuses everything else for a short outage.
 */
@ExtendWith(DatastoreEmulatorExtension.class)
class SaveFaultIT {
    /** Saves of one round, started together. */
    private static final int SAVES = 4;
    private static final Duration OUTAGE = Duration.ofMillis(300);
    /** The Datastore adapter gives up after its 8 s retry budget; a save never waits much longer. */
    private static final Duration SAVE_BOUND = Duration.ofSeconds(15);

    private static final ExecutorService CLIENTS = Executors.newFixedThreadPool(50);

    @TempDir
    Path dir;

    @AfterAll
    static void stopClients() {
        CLIENTS.shutdownNow();
    }

    private record Answer(int status, String id, FunctionResponse response) {
    }

    private static String json(String persistenceKey, List<SnippetFile> files) {
        StringBuilder out = new StringBuilder("{\"sdk\":\"SDK_JAVA\"");
        if (persistenceKey != null) {
            out.append(",\"persistenceKey\":\"").append(persistenceKey).append('"');
        }
        out.append(",\"files\":[");
        for (int i = 0; i < files.size(); i++) {
            SnippetFile f = files.get(i);
            out.append(i == 0 ? "" : ",").append("{\"name\":\"").append(f.name()).append("\",\"content\":\"")
                    .append(f.content()).append("\",\"isMain\":").append(f.main()).append('}');
        }
        return out.append("]}").toString();
    }

    private static List<SnippetFile> files(String tag, int count) {
        List<SnippetFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(new SnippetFile("F" + i + ".java", "class F" + i + " { /* " + tag + " */ }", i == 0, 0));
        }
        return files;
    }

    private static Answer save(FunctionClient fn, String json) {
        FunctionResponse response = fn.call("SaveSnippet", json);
        String id = response.getStatusCode() == 200 ? field(response.getBodyAsText(), "id") : null;
        return new Answer(response.getStatusCode(), id, response);
    }

    /** Runs the saves at once (released together) and waits for all answers, each within {@link #SAVE_BOUND}. */
    private static List<Answer> concurrently(FunctionClient fn, List<String> requests) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (String request : requests) {
            futures.add(CLIENTS.submit(() -> {
                go.await();
                return save(fn, request);
            }));
        }
        go.countDown();
        long deadline = System.nanoTime() + SAVE_BOUND.toNanos() + TimeUnit.SECONDS.toNanos(requests.size() / 10);
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            try {
                answers.add(f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                fail("a SaveSnippet did not answer within " + SAVE_BOUND.toSeconds() + " s: it hangs");
            } catch (ExecutionException e) {
                throw new AssertionError("a SaveSnippet call threw instead of answering", e.getCause());
            }
        }
        return answers;
    }

    /** One save with a persistence key makes these RPCs, in this order: each is cut in one round. */
    private static final List<String> ONE_SAVE = List.of("beginTransaction", "lookup", "runQuery", "commit");
    /** Cut points of the rounds of {@link #SAVES} concurrent saves (about 13 RPCs). */
    private static final List<Integer> CONCURRENT_CUTS = List.of(5, 9);

    @Test
    void anEmulatorCutOffAtAnyRpcAnswers200Or503AndLeavesEverySnippetWholeOrAbsent(DatastoreEmulator emulator)
            throws Exception {
        String namespace = "save-fault-" + ProcessHandle.current().pid();
        Datastore direct = emulator.client(namespace);
        try (CountingProxy proxy = CountingProxy.to(emulator.host());
             FunctionClient fn = FunctionClient.start(Map.of("backend.module", "datastore",
                     "backend.emulator-host", proxy.host(), "backend.project-id", emulator.projectId(),
                     "backend.namespace", namespace))) {
            List<String> summary = new ArrayList<>();
            for (CountingProxy.Cut mode : CountingProxy.Cut.values()) {
                // One save alone: its RPCs come in a known order, so each one (the commit too) is cut once.
                for (int n = 0; n < ONE_SAVE.size(); n++) {
                    String round = mode + "-alone-" + n;
                    List<String> cut = round(fn, proxy, direct, round, 1, n, mode, summary);
                    assertEquals(ONE_SAVE.get(n), cut.get(0), round + ": the RPC cut first");
                }
                // Concurrent saves: cuts land between interleaved transactions, often on commits.
                for (int n : CONCURRENT_CUTS) {
                    round(fn, proxy, direct, mode + "-together-" + n, SAVES, n, mode, summary);
                }
            }
            System.out.println("SaveFaultIT rounds (answers; RPCs cut; time):\n  " + String.join("\n  ", summary));
        }
    }

    /**
     * One round: an older snippet under a persistence key, then {@code saves} saves at once (the first
     * replaces the older one), the emulator cut off at the n-th RPC; then the checks, and the client's
     * retries. Returns the RPCs that were cut.
     */
    private static List<String> round(FunctionClient fn, CountingProxy proxy, Datastore direct, String round, int saves,
                                      int n, CountingProxy.Cut mode, List<String> summary) throws Exception {
        String key = "fault-key-" + round;
        Answer seeded = save(fn, json(key, files("old " + round, 2)));
        assertEquals(200, seeded.status(), () -> "seeding: " + seeded.response().getBodyAsText());

        List<String> requests = new ArrayList<>();
        List<List<SnippetFile>> sent = new ArrayList<>();
        for (int s = 0; s < saves; s++) {
            List<SnippetFile> files = files(round + " save " + s, 2 + s);
            requests.add(json(s == 0 ? key : null, files));
            sent.add(files);
        }
        proxy.cutAfter(n, mode, OUTAGE);
        long t0 = System.nanoTime();
        List<Answer> answers = concurrently(fn, requests);
        long took = (System.nanoTime() - t0) / 1_000_000;
        proxy.heal();
        List<String> cut = proxy.cut();
        assertTrue(!cut.isEmpty(), round + ": the cut happened");
        summary.add(round + ": " + answers.stream().map(Answer::status).toList() + "; " + cut + "; " + took + " ms");

        for (Answer a : answers) {
            if (a.status() != 200) {
                assertConnectError(a.response(), 503, "unavailable");
                assertTrue(a.response().header("Retry-After") != null, round);
            }
        }
        // Before any retry could mend it: nothing stored is partial, the key has one survivor, and every
        // 200 is stored with all its files.
        assertEverySnippetWhole(direct, round);
        List<String> underKey = fn.store().snippetIdsByPersistenceKey(key);
        assertEquals(1, underKey.size(), () -> round + ": snippets under the key: " + underKey);
        for (int s = 0; s < saves; s++) {
            if (answers.get(s).status() == 200) {
                assertReadable(fn.store(), answers.get(s).id(), sent.get(s), round);
            }
        }
        // The client's retry converges: the same id (a content hash), a whole snippet, the key's only one.
        for (int s = 0; s < saves; s++) {
            Answer again = save(fn, requests.get(s));
            assertEquals(200, again.status(), () -> round + " retry: " + again.response().getBodyAsText());
            if (answers.get(s).status() == 200) {
                assertEquals(answers.get(s).id(), again.id(), round);
            }
            assertReadable(fn.store(), again.id(), sent.get(s), round);
            if (s == 0) {
                assertEquals(List.of(again.id()), fn.store().snippetIdsByPersistenceKey(key), round);
            }
        }
        assertEverySnippetWhole(direct, round + " after the retries");
        return cut;
    }

    /** Every snippet entity has all its files, and every file entity its snippet (read from the emulator itself). */
    private static void assertEverySnippetWhole(Datastore direct, String round) {
        Set<String> files = new HashSet<>();
        direct.run(Query.newKeyQueryBuilder().setKind(Snippet.FILE_KIND).build())
                .forEachRemaining(k -> files.add(k.getName()));
        Set<String> expected = new HashSet<>();
        direct.run(Query.newEntityQueryBuilder().setKind(Snippet.KIND).build()).forEachRemaining(snippet -> {
            long count = snippet.getLong("numberOfFiles");
            for (int i = 0; i < count; i++) {
                String file = SnippetFile.key(snippet.getKey().getName(), i);
                assertTrue(files.contains(file), () -> round + ": snippet " + snippet.getKey().getName()
                        + " is missing its file " + file);
                expected.add(file);
            }
        });
        Set<String> orphans = new HashSet<>(files);
        orphans.removeAll(expected);
        assertTrue(orphans.isEmpty(), () -> round + ": files without their snippet: " + orphans);
    }

    private static void assertReadable(PlaygroundStore store, String id, List<SnippetFile> files, String round) {
        Snippet stored = store.findSnippet(id).orElseThrow(() -> new AssertionError(round + ": " + id
                + " answered 200 but is not stored"));
        assertEquals(files, stored.files(), round);
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void fiftyConcurrentSavesOfOneKeyAnswerOneIdAndStoreOneWholeSnippet(TestBackend backend, DatastoreEmulator emulator)
            throws Exception {
        Map<String, Object> properties = backend.properties(emulator, dir);
        try (FunctionClient fn = FunctionClient.start(properties)) {
            PlaygroundStore store = fn.store();
            String key = "tob-fifty-" + backend;
            // An older snippet under the key: every one of the 50 transactions has a replacement to do.
            Answer old = save(fn, json(key, files("older", 3)));
            assertEquals(200, old.status());
            long snippets = store.countSnippets();
            long fileCount = store.countFiles();

            List<SnippetFile> files = files("fifty", 3);
            List<Answer> answers = concurrently(fn, java.util.Collections.nCopies(50, json(key, files)));

            Set<String> ids = new HashSet<>();
            for (Answer a : answers) {
                assertEquals(200, a.status(), () -> a.response().getBodyAsText());
                ids.add(a.id());
            }
            assertEquals(1, ids.size(), () -> "ids answered: " + ids);
            String id = ids.iterator().next();
            assertEquals(List.of(id), store.snippetIdsByPersistenceKey(key));
            assertEquals(files, store.findSnippet(id).orElseThrow().files());
            assertTrue(store.findSnippet(old.id()).isEmpty(), "the older snippet is replaced");
            assertEquals(snippets, store.countSnippets(), "one snippet replaced by one");
            assertEquals(fileCount, store.countFiles(), "3 files replaced by 3: none duplicated, none orphaned");
            if (backend == TestBackend.DATASTORE) {
                Datastore direct = emulator.client((String) properties.get("backend.namespace"));
                List<String> snippetKeys = new ArrayList<>();
                direct.run(Query.newKeyQueryBuilder().setKind(Snippet.KIND)
                                .setFilter(PropertyFilter.eq("persistenceKey", key)).build())
                        .forEachRemaining(k -> snippetKeys.add(k.getName()));
                assertEquals(List.of(id), snippetKeys);
                List<String> fileKeys = new ArrayList<>();
                direct.run(Query.newKeyQueryBuilder().setKind(Snippet.FILE_KIND).build())
                        .forEachRemaining(k -> fileKeys.add(k.getName()));
                assertEquals(List.of(SnippetFile.key(id, 0), SnippetFile.key(id, 1), SnippetFile.key(id, 2)),
                        fileKeys.stream().sorted().toList(), "exactly the snippet's files, keys-only");
                assertEverySnippetWhole(direct, backend.name());
            }
        }
    }
}
