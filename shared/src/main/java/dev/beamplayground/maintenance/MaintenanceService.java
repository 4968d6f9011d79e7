package dev.beamplayground.maintenance;

import dev.beamplayground.migration.MigrationContext;
import dev.beamplayground.migration.MigrationGate;
import dev.beamplayground.migration.MigrationReport;
import dev.beamplayground.migration.MigrationRunner;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreHousekeeping;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.upgrade.AutoPin;
import dev.beamplayground.visit.VisitBuffer;
import dev.beamplayground.visit.VisitFlush;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One maintenance run: the pending schema migrations (those that bring a kind to a new object version only
 * once no live instance writes below it: otherwise {@code waiting}), the flush of buffered visits, then the removal of stale
 * user snippets, all within a time budget (a run that stops early resumes on the next trigger), then the
 * backend's own upkeep when it has some ({@link StoreHousekeeping}: the event backend trims its log) and the
 * removal of silent instances from the instance registry; or the
 * removal's dry run.
 */
public final class MaintenanceService {
    private final PlaygroundStore store;
    private final MigrationRunner migrations;
    private final Settings settings;
    private final Clock clock;
    private final VisitBuffer visits;
    private final AutoPin upgrades;

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
     * @param visits       the flush of buffered visits; null when there is no visit buffer
     * @param housekeeping what the backend's upkeep did, empty for a backend without any
     * @param silentInstancesRemoved registry entries of instances silent past the grace period, removed
     */
    public record Report(List<MigrationReport> migrations, VisitFlush.Report visits,
                         StaleSnippetCleanup.CleanupReport cleanup, Optional<String> housekeeping,
                         int silentInstancesRemoved) {
    }

    /** Ids listed by a dry run. */
    public static final int DRY_RUN_IDS = 100;

    /** Without a visit buffer. */
    public MaintenanceService(PlaygroundStore store, MigrationRunner migrations, Settings settings, Clock clock) {
        this(store, migrations, settings, clock, null);
    }

    /** @param visits the visit buffer, or null; used only when the store is a {@link VisitLedger} */
    public MaintenanceService(PlaygroundStore store, MigrationRunner migrations, Settings settings, Clock clock,
                              VisitBuffer visits) {
        this(store, migrations, settings, clock, visits, null);
    }

    /**
     * @param visits   the visit buffer, or null; used only when the store is a {@link VisitLedger}
     * @param upgrades this instance in the instance registry, or null: then migrations start without a gate
     */
    public MaintenanceService(PlaygroundStore store, MigrationRunner migrations, Settings settings, Clock clock,
                              VisitBuffer visits, AutoPin upgrades) {
        this.upgrades = upgrades;
        this.store = store;
        this.migrations = migrations;
        this.settings = settings;
        this.clock = clock;
        this.visits = store instanceof VisitLedger ? visits : null;
    }

    /**
     * Migrates first: cleanup of an unmigrated store would still work (it only reads origin and
     * lVisited, present in every version), but a run that ends at its budget should leave the schema
     * current rather than a few snippets fewer. Then the buffered visits go into the store, so that the
     * cleanup sees every snippet read before this run as recent; visits counted after the flush are checked
     * in the buffer before a snippet is deleted.
     */
    public Report run() {
        Instant deadline = clock.instant().plus(settings.timeBudget());
        List<MigrationReport> migrated = migrations.runPending(new MigrationContext(store, settings.batchSize(),
                deadline, clock, MigrationContext.Listener.NONE, upgrades == null ? MigrationGate.OPEN : upgrades.gate()));
        VisitFlush.Report flushed = visits == null ? null : new VisitFlush(visits, (VisitLedger) store, clock)
                .run(Math.min(settings.batchSize(), VisitLedger.MAX_VISIT_CHUNK), deadline);
        StaleSnippetCleanup.CleanupReport cleanup = new StaleSnippetCleanup(store, this::pendingVisits)
                .run(clock, settings.staleAfter(), settings.batchSize(), deadline);
        // Last: trimming the log after the cleanup keeps its tombstones out of the next run's work.
        Optional<String> housekeeping = store instanceof StoreHousekeeping upkeep
                ? Optional.of(upkeep.housekeep(clock)) : Optional.empty();
        int silent = upgrades == null ? 0 : upgrades.removeSilentInstances();
        return new Report(migrated, flushed, cleanup, housekeeping, silent);
    }

    /**
     * The cleanup's dry run: what {@link #run()} would delete now, deleting nothing, writing nothing (no
     * migration, no flush of visits; snippets with buffered visits are left out, as the flush would keep them).
     */
    public CleanupPreview.Report dryRun() {
        return new CleanupPreview(store, this::pendingVisits).run(clock.instant(), settings.staleAfter(), DRY_RUN_IDS);
    }

    private Set<String> pendingVisits(Collection<String> ids) {
        return visits == null ? Set.of() : visits.withPendingVisits(ids);
    }
}
