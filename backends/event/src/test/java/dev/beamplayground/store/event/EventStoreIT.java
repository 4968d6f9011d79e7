package dev.beamplayground.store.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.Golden;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.VersionedObject;
import dev.beamplayground.versioning.VersionedObjectFormat;
import io.lettuce.core.StreamMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the contract cannot see: the log's format, compare-and-append between instances, log numbers, durability. */
class EventStoreIT {
    @RegisterExtension
    static final EventStreams EVENTS = new EventStreams("it");
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Snippet snippet(String id, String persistenceKey, int files) {
        List<SnippetFile> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            list.add(new SnippetFile("F" + i + ".py", "print(" + i + ") # " + id, i == 0, 0));
        }
        return new Snippet(id, Sdk.SDK_PYTHON, "", Complexity.COMPLEXITY_BASIC, persistenceKey,
                persistenceKey.isEmpty() ? Origin.PG_USER : Origin.TB_USER, "", T0, T0, 0,
                SchemaVersion.CURRENT, list, List.of());
    }

    private List<StreamMessage<String, String>> rawLog() {
        return EventTestSupport.rawLog(EVENTS.redis(), EVENTS.stream());
    }

    @Test
    void eachWriteIsOneTransactionOfTypedEventsWithBase64VersionedObjects() throws Exception {
        try (PlaygroundStore store = EventTestSupport.open(EVENTS.redis(), EVENTS.stream())) {
            store.saveSnippet(snippet("ev1", "", 2));
            store.deleteSnippets(List.of("ev1"));
        }
        List<StreamMessage<String, String>> log = rawLog();
        assertEquals(6, log.size());

        // The save: snippet then its two files, transaction 1, the last entry closes it.
        List<String> types = new ArrayList<>();
        for (StreamMessage<String, String> m : log.subList(0, 3)) {
            assertEquals("1", m.getBody().get("seq"));
            assertEquals("put", m.getBody().get("op"));
            types.add(m.getBody().get("type"));
        }
        assertEquals(List.of("[\"playground\",\"test\",\"pg_snippets\",\"ev1\"]",
                "[\"playground\",\"test\",\"pg_files\",\"ev1_0\"]",
                "[\"playground\",\"test\",\"pg_files\",\"ev1_1\"]"), types);
        assertNull(log.get(0).getBody().get("end"));
        assertEquals("1", log.get(2).getBody().get("end"));

        JsonNode payload = JSON.readTree(log.get(0).getBody().get("payload"));
        assertEquals("pg_snippets", payload.get("type").textValue());
        VersionedObject object = VersionedObjectFormat.fromBytes(Base64.getDecoder().decode(payload.get("instance").textValue()));
        assertEquals("ev1", object.key());
        assertEquals(SnippetCodec.VERSION, object.version());
        assertEquals(2, SnippetCodec.numberOfFiles(object));

        // The delete: tombstones without payload, transaction 2.
        for (StreamMessage<String, String> m : log.subList(3, 6)) {
            assertEquals("2", m.getBody().get("seq"));
            assertEquals("del", m.getBody().get("op"));
            assertNull(m.getBody().get("payload"));
        }
    }

    /**
     * The entry layout as released: a save and a delete write exactly the committed entries (fields, types, payloads
     * with their base64 instances), and today's reader reads the committed entries as the same events. The log is
     * the record of truth, so a change here needs a reader for the old entries and a new fixture beside this one.
     */
    @Test
    void theEntryLayoutIsTheCommittedOne() throws Exception {
        try (PlaygroundStore store = EventTestSupport.open(EVENTS.redis(), EVENTS.stream())) {
            store.saveSnippet(snippet("ev1", "key", 2));
            store.deleteSnippets(List.of("ev1"));
        }
        StringBuilder written = new StringBuilder();
        for (StreamMessage<String, String> m : rawLog()) {
            written.append(JSON.writeValueAsString(new TreeMap<>(m.getBody()))).append('\n');
        }
        Golden.assertText("event-entries-1.jsonl", written.toString());

        String copy = EVENTS.stream() + "-golden";
        String logKey = EventTestSupport.settings(EVENTS.redis(), copy).logKey();
        for (String line : Golden.text("event-entries-1.jsonl").split("\n")) {
            List<String> xadd = new ArrayList<>(List.of("XADD", logKey, "*"));
            JSON.readTree(line).fields().forEachRemaining(f -> {
                xadd.add(f.getKey());
                xadd.add(f.getValue().textValue());
            });
            EVENTS.redis().command(xadd.toArray(String[]::new));
        }
        assertEquals(EventTestSupport.readAll(EVENTS.redis(), EVENTS.stream()),
                EventTestSupport.readAll(EVENTS.redis(), copy));
    }

    @Test
    void concurrentSavesFromFourInstancesConflictAndLeaveExactlyOneSurvivor() throws Exception {
        List<EventStore> instances = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            instances.add((EventStore) EventTestSupport.open(EVENTS.redis(), EVENTS.stream()));
        }
        instances.get(0).saveSnippet(snippet("unrelated", "", 1));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> saves = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                Snippet s = snippet("c" + i, "one-key", 1 + i % 4);
                EventStore instance = instances.get(i % instances.size());
                saves.add(pool.submit(() -> instance.saveSnippet(s)));
            }
            for (Future<Boolean> f : saves) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
        long conflicts = instances.stream().mapToLong(EventStore::conflicts).sum();
        instances.forEach(EventStore::close);

        try (PlaygroundStore fresh = EventTestSupport.open(EVENTS.redis(), EVENTS.stream())) {
            List<String> survivors = fresh.snippetIdsByPersistenceKey("one-key");
            assertEquals(1, survivors.size());
            assertEquals(2, fresh.countSnippets());
            assertEquals(1 + fresh.findSnippet(survivors.get(0)).orElseThrow().files().size(), fresh.countFiles());
        }
        // How often the instances lost an append to another depends on the interleaving: reported, not required
        // (the forced conflict below shows that a lost append is computed again).
        System.out.printf("EventStoreIT: %d compare-and-append conflicts among 32 racing saves%n", conflicts);
    }

    /**
     * A conflict forced, not hoped for: another instance's save lands between this write's read of the counter and
     * its append, so the append is refused, the write is computed again on the new state, and only that second
     * computation is appended.
     */
    @Test
    void aWriteThatLostItsAppendToAnotherInstanceIsComputedAgain() throws Exception {
        try (EventStore a = (EventStore) EventTestSupport.open(EVENTS.redis(), EVENTS.stream());
             EventStore b = (EventStore) EventTestSupport.open(EVENTS.redis(), EVENTS.stream())) {
            a.saveSnippet(snippet("target", "", 1));
            java.lang.reflect.Field field = EventStore.class.getDeclaredField("writer");
            field.setAccessible(true);
            Writer writer = (Writer) field.get(a);
            List<Boolean> sawOther = new ArrayList<>();
            String result = writer.write(reads -> {
                VersionedObject target = reads.get(Snippet.KIND, "target");
                sawOther.add(reads.get(Snippet.KIND, "other") != null);
                if (sawOther.size() == 1) {
                    assertTrue(b.saveSnippet(snippet("other", "", 1))); // appended after this write read the counter
                }
                return new Writer.Change<>(List.of(Event.put(target)), "written");
            });
            assertEquals("written", result);
            assertEquals(List.of(false, true), sawOther, "computed twice, the second time on b's save");
            assertEquals(1, a.conflicts());
            assertEquals(0, b.conflicts());
            // b's save, then a's one rewrite: the refused first computation appended nothing.
            List<Event> events = EventTestSupport.readAll(EVENTS.redis(), EVENTS.stream());
            assertEquals(List.of("target", "target_0", "other", "other_0", "target"),
                    events.stream().map(Event::id).toList());
        }
    }

    @Test
    void logNumbersOnlyGrowAcrossACrashAndADeletedLastEntity() {
        try (PlaygroundStore store = EventTestSupport.open(EVENTS.redis(), EVENTS.stream())) {
            store.saveSnippet(snippet("n1", "", 1));
            store.deleteSnippets(List.of("n1"));
        }
        List<StreamMessage<String, String>> before = rawLog();
        String lastId = before.get(before.size() - 1).getId();

        EVENTS.redis().stop();
        EVENTS.redis().restart();

        try (PlaygroundStore store = EventTestSupport.open(EVENTS.redis(), EVENTS.stream())) {
            assertEquals(0, store.countSnippets());
            assertTrue(store.saveSnippet(snippet("n1", "", 1)));
        }
        List<StreamMessage<String, String>> after = rawLog();
        StreamMessage<String, String> added = after.get(after.size() - 1);
        assertEquals("3", added.getBody().get("seq"));
        assertTrue(compareStreamIds(added.getId(), lastId) > 0);
    }

    @Test
    void refusesToWriteWhenRedisDoesNotFsyncEveryWrite() {
        try (RedisServer volatileRedis = RedisServer.start();
             PlaygroundStore store = EventTestSupport.open(volatileRedis, EVENTS.stream())) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.saveSnippet(snippet("x", "", 1)));
            assertTrue(e.getMessage().contains("appendfsync always"), e.getMessage());
            assertEquals(":0", volatileRedis.command("EXISTS", "{" + EVENTS.stream() + "}:log"));
        }
    }

    @Test
    void replicaDurabilityAnswersUnavailableWhenNoReplicaAcknowledges() {
        Map<String, String> config = new HashMap<>(EventTestSupport.config(EVENTS.redis(), EVENTS.stream()));
        config.put("durability", "replicas");
        config.put("replicas", "1");
        try (PlaygroundStore store = Backends.select(config, Map.of()).open()) {
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> store.saveSnippet(snippet("r", "", 1)));
            assertTrue(e.getMessage().contains("0 of 1 replicas"), e.getMessage());
        }
    }

    @Test
    void storesOfAnotherPrefixShareTheStreamWithoutSeeingEachOther() {
        Map<String, String> other = new HashMap<>(EventTestSupport.config(EVENTS.redis(), EVENTS.stream()));
        other.put("model-prefix", "someone-else");
        try (PlaygroundStore mine = EventTestSupport.open(EVENTS.redis(), EVENTS.stream());
             PlaygroundStore theirs = Backends.select(other, Map.of()).open()) {
            mine.saveSnippet(snippet("mine", "", 1));
            theirs.saveSnippet(snippet("theirs", "", 1));
            assertEquals(1, mine.countSnippets());
            assertTrue(mine.findSnippet("mine").isPresent());
            assertFalse(mine.findSnippet("theirs").isPresent());
            assertTrue(theirs.saveSnippet(snippet("theirs-2", "", 1)));
            assertEquals(1, mine.countSnippets());
        }
    }

    @Test
    void visitsAppendNothingAndAreFoldedIntoTheObjectByTheNextWriteOfIt() {
        try (PlaygroundStore store = EventTestSupport.open(EVENTS.redis(), EVENTS.stream()); PlaygroundStore other = EventTestSupport.open(EVENTS.redis(), EVENTS.stream())) {
            store.saveSnippet(snippet("vis", "", 2));
            int logBefore = rawLog().size();
            for (int i = 1; i <= 40; i++) {
                (i % 2 == 0 ? store : other).visitSnippet("vis", T0.plusSeconds(i));
            }
            assertEquals(logBefore, rawLog().size());
            Snippet read = store.findSnippet("vis").orElseThrow();
            assertEquals(40, read.visitCount());
            assertEquals(T0.plusSeconds(40), read.lastVisited());
            assertEquals(List.of(), store.staleUserSnippetIds(T0.plusSeconds(40), 10));
            assertEquals(List.of("vis"), store.staleUserSnippetIds(T0.plusSeconds(41), 10));

            // A read-change-write of the object (a migration) sees the visits and writes them into it.
            VersionedObject written = store.write(Snippet.KIND, "vis", o -> o.map(x -> x.withProperties(
                    x.properties().with("note", new dev.beamplayground.versioning.PropertyValue.Text("migrated"))))).orElseThrow();
            assertEquals(40, written.properties().integer(SnippetCodec.VISIT_COUNT, 0));
            assertEquals(":0", EVENTS.redis().command("HEXISTS", "{" + EVENTS.stream() + "}:visits:playground,test:count", "vis"));
            store.visitSnippet("vis", T0.plusSeconds(50));
            assertEquals(41, other.findSnippet("vis").orElseThrow().visitCount());
            assertEquals(T0.plusSeconds(50), other.findSnippet("vis").orElseThrow().lastVisited());
        }
    }

    private static int compareStreamIds(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return c != 0 ? c : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }
}
