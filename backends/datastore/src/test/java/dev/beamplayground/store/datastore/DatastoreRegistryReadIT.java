package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.migration.MigrationProgress;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.CountingProxy;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.upgrade.AutoPin;
import dev.beamplayground.upgrade.InstanceRegistry;
import dev.beamplayground.upgrade.UpgradeSettings;
import dev.beamplayground.versioning.Codecs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every instance reads the registry at its first store call and at every heartbeat: on Datastore that is one query
 * per page of entries, not one read per entry (which made a cold start as many RPCs as the registry has entries: every
 * instance started since maintenance last removed the silent ones).
 */
@ExtendWith(DatastoreEmulatorExtension.class)
class DatastoreRegistryReadIT {
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    private static InstanceEntry entry(String id, Instant beat) {
        return new InstanceEntry(id, "r1", Map.of(), Map.of(), T, beat);
    }

    @Test
    void theRegistryAndTheFloorsAreReadAPageAQuery(DatastoreEmulator emulator) throws Exception {
        try (CountingProxy rpcs = CountingProxy.to(emulator.host());
             PlaygroundStore store = CountedStore.open(emulator, rpcs, "registry")) {
            InstanceRegistry registry = new InstanceRegistry(store);
            for (int i = 0; i < 12; i++) {
                registry.record(entry("instance-" + i, T.plusSeconds(i)));
            }

            rpcs.reset();
            assertEquals(12, registry.all().size());
            // The page of twelve is short, so the last: one query.
            assertEquals(Map.of("runQuery", 1), rpcs.byMethod());

            rpcs.reset();
            assertEquals(Map.of(), MigrationProgress.floors(store));
            assertEquals(Map.of("runQuery", 1), rpcs.byMethod());
        }
    }

    @Test
    void anInstanceReportsItselfWithTwoQueriesAndOneCommit(DatastoreEmulator emulator) throws Exception {
        try (CountingProxy rpcs = CountingProxy.to(emulator.host());
             PlaygroundStore store = CountedStore.open(emulator, rpcs, "report")) {
            InstanceRegistry registry = new InstanceRegistry(store);
            registry.record(entry("other", T));
            AutoPin pin = new AutoPin(Codecs.current(), new UpgradeSettings("r2", Duration.ofSeconds(30),
                    Duration.ofSeconds(90)), Clock.fixed(T.plusSeconds(10), ZoneOffset.UTC));
            pin.attach(store);

            rpcs.reset();
            pin.refresh();
            // The floors and the registry a query each; its own entry one non-transactional commit (a transaction
            // would be three calls: begin, lookup, commit), in front of every instance's first store call.
            assertEquals(Map.of("runQuery", 2, "commit", 1), rpcs.byMethod());
            assertEquals(List.of("other", pin.instanceId()).stream().sorted().toList(),
                    registry.all().stream().map(InstanceEntry::id).sorted().toList());
        }
    }

    @Test
    void silentEntriesAreRemovedInOneTransaction(DatastoreEmulator emulator) throws Exception {
        try (CountingProxy rpcs = CountingProxy.to(emulator.host());
             PlaygroundStore store = CountedStore.open(emulator, rpcs, "silent")) {
            InstanceRegistry registry = new InstanceRegistry(store);
            UpgradeSettings settings = new UpgradeSettings("r1", Duration.ofSeconds(30), Duration.ofSeconds(90));
            for (int i = 0; i < 12; i++) {
                registry.record(entry("gone-" + i, T));
            }
            Instant now = T.plus(Duration.ofMinutes(10));
            registry.record(entry("live", now));

            rpcs.reset();
            assertEquals(12, registry.removeSilent(now, settings));
            // The registry read, then one transaction for all twelve (a transaction each took 36 calls).
            assertEquals(Map.of("runQuery", 1, "beginTransaction", 1, "lookup", 1, "commit", 1), rpcs.byMethod());
            assertEquals(List.of("live"), registry.all().stream().map(InstanceEntry::id).toList());
        }
    }
}
