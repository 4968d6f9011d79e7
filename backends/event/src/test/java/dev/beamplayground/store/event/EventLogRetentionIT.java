package dev.beamplayground.store.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.maintenance.MaintenanceService;
import dev.beamplayground.migration.MigrationRunner;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import io.lettuce.core.StreamMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bounded log: maintenance trims to the retention point, consumers hold it back, the view stays recoverable. */
class EventLogRetentionIT {
    @RegisterExtension
    static final EventStreams EVENTS = new EventStreams("retention");
    /** Recent: the maintenance runs here must not find these snippets stale. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    private Map<String, String> config(String... retention) {
        Map<String, String> config = new HashMap<>(EventTestSupport.config(EVENTS.redis(), EVENTS.stream()));
        for (int i = 0; i < retention.length; i += 2) {
            config.put(retention[i], retention[i + 1]);
        }
        return config;
    }

    private static Snippet snippet(String id) {
        return new Snippet(id, Sdk.SDK_GO, "", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "", T0, T0, 0,
                SchemaVersion.CURRENT, List.of(new SnippetFile("main.go", "package main // " + id, true, 0)), List.of());
    }

    /** Saves snippets {@code from} to {@code to} (exclusive): two log entries, one transaction each. */
    private static void save(PlaygroundStore store, int from, int to) {
        for (int i = from; i < to; i++) {
            assertTrue(store.saveSnippet(snippet("s" + i)));
        }
    }

    private List<StreamMessage<String, String>> rawLog() {
        return EventTestSupport.rawLog(EVENTS.redis(), EVENTS.stream());
    }

    private static String lastId(List<StreamMessage<String, String>> log) {
        return log.get(log.size() - 1).getId();
    }

    private static MaintenanceService maintenance(PlaygroundStore store, Clock clock) {
        return new MaintenanceService(store, new MigrationRunner(List.of()),
                new MaintenanceService.Settings(Duration.ofDays(100), 100, Duration.ofMinutes(1)), clock);
    }

    @Test
    void maintenanceTrimsToTheRetainedEntriesAndTheViewIsRebuiltFromTheSnapshotAndTheRest() {
        try (PlaygroundStore store = Backends.select(config("retain-entries", "10"), Map.of()).open()) {
            save(store, 0, 30);
            assertEquals(60, rawLog().size());

            MaintenanceService.Report report = maintenance(store, Clock.systemUTC()).run();

            assertTrue(report.housekeeping().orElseThrow().contains("trimmed 50 entries"), report.housekeeping().get());
            List<StreamMessage<String, String>> log = rawLog();
            assertEquals(10, log.size());
            assertEquals("[\"playground\",\"test\",\"pg_snippets\",\"s25\"]", log.get(0).getBody().get("type"));
            assertEquals(30, store.countSnippets());
            assertTrue(store.findSnippet("s0").isPresent());
            assertTrue(maintenance(store, Clock.systemUTC()).run().housekeeping().orElseThrow().contains("nothing to trim"));
        }
        // The view lost, then rebuilt from the snapshot the trim took and the log after it.
        EVENTS.redis().command("DEL", EventTestSupport.settings(EVENTS.redis(), EVENTS.stream()).keys().view(Snippet.KIND));
        try (EventRecovery recovery = EventRecovery.open(config())) {
            assertFalse(recovery.check().isEmpty());
            assertTrue(recovery.rebuild().startsWith("view rebuilt: 60 entities"));
            assertEquals(List.of(), recovery.check());
        }
        try (PlaygroundStore store = EventTestSupport.open(EVENTS.redis(), EVENTS.stream())) {
            assertEquals(30, store.countSnippets());
            assertEquals(snippet("s29"), store.findSnippet("s29").orElseThrow());
            assertEquals(List.of("s0"), store.staleUserSnippetIds(T0.plusSeconds(1), 1));
        }
    }

    @Test
    void aConsumerThatHasNotAcknowledgedHoldsTheTrimBack() {
        try (PlaygroundStore store = Backends.select(config("retain-entries", "10"), Map.of()).open();
             EventRecovery recovery = EventRecovery.open(config())) {
            save(store, 0, 5);
            String registeredAt = recovery.registerConsumer("indexer");
            assertEquals(lastId(rawLog()), registeredAt);
            save(store, 5, 30);

            String summary = maintenance(store, Clock.systemUTC()).run().housekeeping().orElseThrow();

            assertTrue(summary.contains("trimmed 10 entries") && summary.contains("held by a consumer"), summary);
            List<StreamMessage<String, String>> log = rawLog();
            assertEquals(50, log.size()); // everything after the consumer's position is there
            assertTrue(StreamIds.compare(log.get(0).getId(), registeredAt) > 0);

            recovery.acknowledge("indexer", lastId(log));
            assertTrue(maintenance(store, Clock.systemUTC()).run().housekeeping().orElseThrow().contains("trimmed 40 entries"));
            assertEquals(10, rawLog().size());
        }
    }

    @Test
    void retentionByAgeTrimsWhatIsOlderAndWritingGoesOn() {
        try (PlaygroundStore store = Backends.select(config("retain-entries", "0", "retain-hours", "1"), Map.of()).open()) {
            save(store, 0, 4);
            Clock now = Clock.fixed(Instant.now(), ZoneOffset.UTC);
            assertTrue(maintenance(store, now).run().housekeeping().orElseThrow().contains("nothing to trim"));

            Clock later = Clock.offset(now, Duration.ofHours(2));
            assertTrue(maintenance(store, later).run().housekeeping().orElseThrow().contains("trimmed 8 entries"));

            assertEquals(0, rawLog().size());
            save(store, 4, 6);
            assertEquals(6, store.countSnippets());
            assertEquals(4, rawLog().size());
        }
    }
}
