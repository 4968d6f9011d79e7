package dev.beamplayground.catalog;

import static dev.beamplayground.testing.CatalogFixtures.changed;
import static dev.beamplayground.testing.CatalogFixtures.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Sdk;
import dev.beamplayground.store.CatalogStore;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import dev.beamplayground.time.Pacer;
import io.micronaut.context.ApplicationContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One catalog build at a time across instances, on a real redis-server. Each instance is what a function instance
 * has: its own context (its own Redis connection) and its own catalog service, over one store; the store's
 * catalog reads are counted per instance and can be held inside the read, so threads are ordered by latches.
 */
@ExtendWith(RedisServerExtension.class)
class CatalogSingleFlightIT {
    private static final long WAIT_S = 30;
    private static final LoadedExample JAVA = example(Sdk.SDK_JAVA, "WordCount", "Quickstart");
    private static final LoadedExample GO = example(Sdk.SDK_GO, "WordCount", "Quickstart");

    @TempDir
    Path dir;

    private RedisServer redis;
    private PlaygroundStore store;
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    /** Opened at the end of each test, so that no thread stays held in a store read. */
    private final List<CountDownLatch> gates = new ArrayList<>();
    /** Counted down by the first store read of any instance. */
    private final CountDownLatch someoneReads = new CountDownLatch(1);

    @BeforeEach
    void start(RedisServer redis) {
        this.redis = redis;
        redis.flushAll();
        store = context(Map.of()).getBean(PlaygroundStore.class);
    }

    @AfterEach
    void stop() throws InterruptedException {
        gates.forEach(CountDownLatch::countDown);
        threads.shutdown();
        assertTrue(threads.awaitTermination(WAIT_S, TimeUnit.SECONDS), "test threads ended");
        contexts.forEach(ApplicationContext::close);
    }

    private ApplicationContext context(Map<String, Object> catalog) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "backend.module", "sqlite",
                "backend.path", dir.resolve("instance-" + contexts.size() + ".db").toString(),
                "redis.uri", redis.uri()));
        catalog.forEach((k, v) -> properties.put("catalog." + k, v));
        ApplicationContext context = ApplicationContext.run(properties);
        contexts.add(context);
        return context;
    }

    /** A function instance's catalog: its own cache (and Redis connection), the shared store behind a counter. */
    private final class Instance {
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch inRead = new CountDownLatch(1);
        final CountDownLatch gate;
        final AtomicInteger pauses = new AtomicInteger();
        final CountDownLatch paused;
        final CatalogCache cache;
        final CatalogService service;

        /**
         * @param held   whether its store reads wait for {@link #gate}
         * @param paused counted down when it first waits for another instance's build (may be null)
         */
        Instance(Map<String, Object> catalog, boolean held, Duration buildWait, CountDownLatch paused) {
            this.gate = new CountDownLatch(held ? 1 : 0);
            gates.add(gate);
            this.paused = paused;
            this.cache = context(catalog).getBean(CatalogCache.class);
            Pacer pacer = new Pacer() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public void pause(long millis) throws InterruptedException {
                    pauses.incrementAndGet();
                    if (Instance.this.paused != null) {
                        Instance.this.paused.countDown();
                    }
                    TimeUnit.MILLISECONDS.sleep(millis);
                }
            };
            this.service = new CatalogService(counted(), store, cache, buildWait, Duration.ofMillis(10), pacer);
        }

        /** The store, counting catalog reads and holding each at {@link #gate} before it reads. */
        CatalogStore counted() {
            return (CatalogStore) Proxy.newProxyInstance(CatalogStore.class.getClassLoader(),
                    new Class<?>[] {CatalogStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("readCatalog")) {
                            reads.incrementAndGet();
                            inRead.countDown();
                            someoneReads.countDown();
                            assertTrue(gate.await(WAIT_S, TimeUnit.SECONDS), "the test opened the gate");
                        }
                        try {
                            return method.invoke(store, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private Instance instance(Map<String, Object> catalog, CountDownLatch paused) {
        return new Instance(catalog, false, Duration.ofSeconds(WAIT_S), paused);
    }

    private long load(CatalogStore into, CatalogCache cache, List<LoadedExample> examples) {
        return new CatalogPublisher(into, cache).publish(examples, List.of(), Set.of()).version();
    }

    private String examplesEntry() {
        return redis.command("GET", "EXAMPLES_CATALOG");
    }

    private static String json(CatalogView view) {
        return new String(view.listing(null, "").json(), StandardCharsets.UTF_8);
    }

    @Test
    void twoInstancesMissingAtOnceBuildOnce() throws Exception {
        CountDownLatch paused = new CountDownLatch(1);
        Instance a = new Instance(Map.of(), true, Duration.ofSeconds(WAIT_S), paused);
        Instance b = new Instance(Map.of(), true, Duration.ofSeconds(WAIT_S), paused);
        assertEquals(1, load(store, a.cache, List.of(JAVA, GO)));
        redis.command("DEL", "EXAMPLES_CATALOG"); // evicted: every instance misses the published version

        List<Future<CatalogView>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (Instance instance : List.of(a, b)) {
                answers.add(threads.submit(instance.service::current));
            }
        }
        // One instance's request builds (held in its store read); the other instance waits for it.
        assertTrue(someoneReads.await(WAIT_S, TimeUnit.SECONDS));
        assertTrue(paused.await(WAIT_S, TimeUnit.SECONDS), "the other instance waits for the build");
        a.gate.countDown();
        b.gate.countDown();
        for (Future<CatalogView> answer : answers) {
            assertEquals(1, answer.get(WAIT_S, TimeUnit.SECONDS).version());
        }
        assertEquals(1, a.reads.get() + b.reads.get(), "store catalog reads of both instances together");
        assertTrue(examplesEntry().startsWith("1:{"), "the build was shared through the cache");
    }

    @Test
    void aBuilderThatDiesHoldingItsTurnIsTakenOverAndItsLateWriteRefused() throws Exception {
        Map<String, Object> shortLease = Map.of("build-lease", "300ms");
        Instance dying = new Instance(shortLease, true, Duration.ofSeconds(WAIT_S), null);
        Instance next = instance(shortLease, null);
        load(store, dying.cache, List.of(JAVA, GO));
        redis.command("DEL", "EXAMPLES_CATALOG");
        String built = json(instance(Map.of(), null).service.current()); // from the store, entry of its own

        redis.command("DEL", "EXAMPLES_CATALOG");
        Future<CatalogView> late = threads.submit(dying.service::current);
        assertTrue(dying.inRead.await(WAIT_S, TimeUnit.SECONDS), "the first builder holds the turn");

        // The holder hangs; once its lease ran out the next instance builds and writes.
        CatalogView taken = next.service.current();
        assertEquals(1, taken.version());
        assertEquals(1, next.reads.get());
        assertTrue(next.pauses.get() > 0, "it waited for the holder first");
        assertEquals(built, json(taken));
        assertEquals("1:" + built, examplesEntry());
        assertFalse(late.isDone(), "the first builder is still held");

        // The store changes under the same version; the first builder wakes up and builds from it.
        store.saveExamples(List.of(changed(JAVA, "Written too late")));
        dying.gate.countDown();
        assertTrue(json(late.get(WAIT_S, TimeUnit.SECONDS)).contains("Written too late"));
        assertEquals("1:" + built, examplesEntry(), "the late write of the lease that ran out was refused");
    }

    @Test
    void aLateTokenOrAnOlderVersionIsRefusedAndATurnEndsOnlyForItsHolder() throws Exception {
        CatalogCache first = context(Map.of("build-lease", "200ms")).getBean(CatalogCache.class);
        CatalogCache second = context(Map.of("build-lease", "200ms")).getBean(CatalogCache.class);
        CatalogCache.Turn old = first.takeTurn(5, CatalogCache.TurnMode.READ);
        assertEquals(CatalogCache.Turn.Kind.MINE, old.kind());
        assertEquals(CatalogCache.Turn.HELD, second.takeTurn(5, CatalogCache.TurnMode.READ));
        assertEquals(CatalogCache.Turn.Kind.MINE, second.takeTurn(6, CatalogCache.TurnMode.READ).kind(),
                "a turn is per version");

        // Redis expires the turn after its lease: polled for, until the next instance gets it.
        CatalogCache.Turn turn;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        do {
            turn = second.takeTurn(5, CatalogCache.TurnMode.READ);
        } while (turn.kind() == CatalogCache.Turn.Kind.HELD && System.nanoTime() < deadline);
        assertEquals(CatalogCache.Turn.Kind.MINE, turn.kind());
        assertTrue(turn.token() > old.token());

        CatalogCache.Entry mine = new CatalogCache.Entry("{\"sdkCategories\":[]}".getBytes(StandardCharsets.UTF_8),
                "[]", Map.of());
        CatalogCache.Entry stale = new CatalogCache.Entry("{}".getBytes(StandardCharsets.UTF_8), "[]", Map.of());
        first.endTurn(5, old.token());
        assertEquals(Long.toString(turn.token()), redis.command("GET", "CATALOG_BUILD:5"), "not the old holder's");
        assertEquals(CatalogCache.Written.STORED, second.write(5, mine, turn.token(), false));
        assertEquals(CatalogCache.Written.REFUSED, first.write(5, stale, old.token(), false));
        assertEquals("5:{\"sdkCategories\":[]}", examplesEntry());
        assertEquals(CatalogCache.Turn.READY, first.takeTurn(5, CatalogCache.TurnMode.READ), "the entry is there");
        second.endTurn(5, turn.token());
        assertEquals("$-1", redis.command("GET", "CATALOG_BUILD:5"));

        CatalogCache.Turn newest = first.takeTurn(4, CatalogCache.TurnMode.FORCE);
        assertEquals(CatalogCache.Written.REFUSED, first.write(4, stale, newest.token(), false),
                "a newer version's entry stays");
        assertEquals("5:{\"sdkCategories\":[]}", examplesEntry());
    }

    @Test
    void readersKeepThePreviousCatalogWhileALoadBuildsAndNeverBuildThemselves() throws Exception {
        Map<String, Object> noLease = Map.of("version-lease", "0s");
        Instance a = instance(noLease, null);
        Instance b = instance(noLease, null);
        Instance loader = new Instance(noLease, true, Duration.ofSeconds(WAIT_S), null);
        load(store, loader.cache, List.of(JAVA, GO));
        String first = json(a.service.current());
        assertEquals(first, json(b.service.current()));

        // A second load, held inside the store read of its entry build: the store is at version 2, the cache
        // says a load is under way, and the loader holds the build turn of version 2.
        Future<Long> loading = threads.submit(() -> load(loader.counted(), loader.cache,
                List.of(changed(JAVA, "Second load"), GO)));
        assertTrue(loader.inRead.await(WAIT_S, TimeUnit.SECONDS));
        assertEquals(2, store.catalogVersion());
        for (int i = 0; i < 3; i++) {
            for (Instance reader : List.of(a, b)) {
                CatalogView answer = threads.submit(reader.service::current).get(WAIT_S, TimeUnit.SECONDS);
                assertEquals(1, answer.version(), "the previous catalog, at once");
            }
        }
        assertFalse(loading.isDone());

        loader.gate.countDown();
        assertEquals(2, loading.get(WAIT_S, TimeUnit.SECONDS));
        for (Instance reader : List.of(a, b)) {
            CatalogView answer = reader.service.current();
            assertEquals(2, answer.version(), "the load completed: its catalog");
            assertTrue(json(answer).contains("Second load"));
        }
        assertEquals(0, a.reads.get() + b.reads.get(), "readers took both catalogs from the cache");
        assertEquals(1, loader.reads.get());
    }

    @Test
    void aFreshlyPublishedVersionIsReadFromTheCacheByEveryInstance() {
        Instance loader = instance(Map.of(), null);
        load(store, loader.cache, List.of(JAVA, GO));
        List<Instance> readers = List.of(instance(Map.of(), null), instance(Map.of(), null));
        for (Instance reader : readers) {
            assertEquals(1, reader.service.current().version());
            assertEquals(0, reader.reads.get());
        }
    }

    @Test
    void aHolderSlowerThanTheBuildWaitIsNotWaitedForLonger() throws Exception {
        Instance holder = new Instance(Map.of(), true, Duration.ofSeconds(WAIT_S), null);
        Instance impatient = new Instance(Map.of(), false, Duration.ZERO, null);
        load(store, holder.cache, List.of(JAVA, GO));
        redis.command("DEL", "EXAMPLES_CATALOG");
        Future<CatalogView> held = threads.submit(holder.service::current);
        assertTrue(holder.inRead.await(WAIT_S, TimeUnit.SECONDS));

        assertEquals(1, impatient.service.current().version());
        assertEquals(1, impatient.reads.get(), "built from the store itself");
        assertEquals("$-1", examplesEntry(), "and left the write to the holder");
        holder.gate.countDown();
        assertEquals(1, held.get(WAIT_S, TimeUnit.SECONDS).version());
        assertTrue(examplesEntry().startsWith("1:{"));
    }
}
