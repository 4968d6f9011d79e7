package dev.beamplayground.catalog;

import static dev.beamplayground.testing.CatalogFixtures.example;

import dev.beamplayground.domain.Sdk;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.CountingProxy;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.RedisServer;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Not part of the build (no Test/IT suffix). Run with
 * {@code ./mvnw -B -pl shared -am verify -Dtest=CatalogMissBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints how many catalog builds the store serves (Datastore {@code runQuery} calls through a counting proxy)
 * when {@code bench.instances} fresh instances with {@code bench.threads} requests each miss the published
 * version's cache entry at once (the entry evicted), per round, and the slowest request of the round.
 */
class CatalogMissBench {
    static final int INSTANCES = Integer.getInteger("bench.instances", 4);
    static final int THREADS = Integer.getInteger("bench.threads", 8);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final int EXAMPLES = Integer.getInteger("bench.examples", 100);

    @Test
    void run() throws Exception {
        List<LoadedExample> catalog = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            catalog.add(example(Sdk.values()[i % 3], String.format("Example%03d", i), "Category" + (i % 12)));
        }
        try (DatastoreEmulator emulator = DatastoreEmulator.start(); RedisServer redis = RedisServer.start();
             CountingProxy datastore = CountingProxy.to(emulator.host())) {
            Map<String, Object> properties = Map.of("backend.module", "datastore",
                    "backend.emulator-host", datastore.host(), "backend.project-id", emulator.projectId(),
                    "backend.namespace", "missbench", "redis.uri", redis.uri(), "catalog.redis-timeout", "5s");
            try (ApplicationContext loader = ApplicationContext.run(properties)) {
                loader.getBean(CatalogPublisher.class).publish(catalog, List.of(), Set.of());
            }
            ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * THREADS);
            int totalBuilds = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                List<ApplicationContext> instances = new ArrayList<>();
                for (int i = 0; i < INSTANCES; i++) {
                    ApplicationContext context = ApplicationContext.run(properties);
                    context.getBean(PlaygroundStore.class).catalogVersion(); // a warm Datastore client
                    instances.add(context);
                }
                redis.command("DEL", "EXAMPLES_CATALOG");
                datastore.reset();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Long>> requests = new ArrayList<>();
                for (ApplicationContext instance : instances) {
                    CatalogService service = instance.getBean(CatalogService.class);
                    for (int t = 0; t < THREADS; t++) {
                        requests.add(pool.submit(() -> {
                            go.await();
                            long t0 = System.nanoTime();
                            service.listing(null, "");
                            return System.nanoTime() - t0;
                        }));
                    }
                }
                go.countDown();
                long slowest = 0;
                for (Future<Long> request : requests) {
                    slowest = Math.max(slowest, request.get(60, TimeUnit.SECONDS));
                }
                int builds = datastore.byMethod().getOrDefault("runQuery", 0);
                totalBuilds += builds;
                System.out.printf("BENCH round %d: %d instances x %d requests missing at once: %d builds, %s,"
                        + " slowest %d ms%n", round, INSTANCES, THREADS, builds, datastore.byMethod(),
                        TimeUnit.NANOSECONDS.toMillis(slowest));
                instances.forEach(ApplicationContext::close);
            }
            pool.shutdown();
            System.out.printf("BENCH total: %d builds in %d rounds%n", totalBuilds, ROUNDS);
        }
    }
}
