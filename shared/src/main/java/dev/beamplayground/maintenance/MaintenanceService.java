package dev.beamplayground.maintenance;

import dev.beamplayground.migration.MigrationContext;
import dev.beamplayground.migration.MigrationReport;
import dev.beamplayground.migration.MigrationRunner;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreHousekeeping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One maintenance run: the pending schema migrations, then the removal of stale user snippets, both
 * within a time budget (a run that stops early resumes on the next trigger), then the backend's own
 * upkeep when it has some ({@link StoreHousekeeping}: the event backend trims its log).
 */
public final class MaintenanceService {
    private final PlaygroundStore store;
    private final MigrationRunner migrations;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param staleAfter user snippets not visited for this long are removed
     * @param batchSize  objects per batch of a migration or a cleanup round
     * @param timeBudget no new batch starts after this much time
     */
    public record Settings(Duration staleAfter, int batchSize, Duration timeBudget) {
        public Settings {
            if (staleAfter.isNegative() || staleAfter.isZero()) {
                throw new IllegalArgumentException("maintenance: the stale period must be positive");
            }
            if (batchSize < 1 || batchSize > 1000) {
                throw new IllegalArgumentException("maintenance: the batch size must be 1 to 1000");
            }
            if (timeBudget.isNegative() || timeBudget.isZero()) {
                throw new IllegalArgumentException("maintenance: the time budget must be positive");
            }
        }
    }

    /**
     * What a run did.
     *
     * @param housekeeping what the backend's upkeep did, empty for a backend without any
     */
    public record Report(List<MigrationReport> migrations, StaleSnippetCleanup.CleanupReport cleanup,
                         Optional<String> housekeeping) {
    }

    public MaintenanceService(PlaygroundStore store, MigrationRunner migrations, Settings settings, Clock clock) {
        this.store = store;
        this.migrations = migrations;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Migrates first: cleanup of an unmigrated store would still work (it only reads origin and
     * lVisited, present in every version), but a run that ends at its budget should leave the schema
     * current rather than a few snippets fewer.
     */
    public Report run() {
        Instant deadline = clock.instant().plus(settings.timeBudget());
        List<MigrationReport> migrated = migrations.runPending(
                new MigrationContext(store, settings.batchSize(), deadline, clock, MigrationContext.Listener.NONE));
        StaleSnippetCleanup.CleanupReport cleanup = new StaleSnippetCleanup(store)
                .run(clock, settings.staleAfter(), settings.batchSize(), deadline);
        // Last: trimming the log after the cleanup keeps its tombstones out of the next run's work.
        Optional<String> housekeeping = store instanceof StoreHousekeeping upkeep
                ? Optional.of(upkeep.housekeep(clock)) : Optional.empty();
        return new Report(migrated, cleanup, housekeeping);
    }
}
