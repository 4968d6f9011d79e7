package dev.beamplayground.function.maintenance;

import dev.beamplayground.catalog.CatalogVersionSync;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.edge.PubSubEventFunction;
import dev.beamplayground.edge.PubSubMessage;
import dev.beamplayground.maintenance.CleanupPreview;
import dev.beamplayground.maintenance.MaintenanceService;
import dev.beamplayground.migration.MigrationReport;
import dev.beamplayground.visit.VisitFlush;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance function: triggered by a Pub/Sub message (from Cloud Scheduler), it runs the pending
 * schema migrations, folds the buffered visits into the snippets, removes user snippets not visited for {@code maintenance.stale-after-days}, and
 * publishes the store's catalog version to the shared cache (see {@link CatalogVersionSync}). The catalog's sync
 * depends on nothing the snippets' maintenance does (it reads the catalog as get-catalog does, beside any run, in
 * whichever object version a migration has reached), so it runs on a thread of its own beside it, and the event is
 * answered once both are done: their waits on the store and the cache overlap.
 * A message with {@code dryRun} true (attribute, or field of a JSON payload) runs the cleanup's dry run instead:
 * it logs what would be deleted and changes nothing. A passing store failure is thrown, so Pub/Sub delivers again
 * (with retries enabled); anything else is logged and acknowledged: the next scheduled run tries again
 * rather than a retry loop hammering a broken store.
 *
 * <p>Entry point: {@code dev.beamplayground.function.maintenance.MaintenanceFunction}.
 */
public class MaintenanceFunction extends PubSubEventFunction {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceFunction.class);

    private final BeanProvider<MaintenanceService> service = lazyBean(MaintenanceService.class);
    private final BeanProvider<CatalogVersionSync> catalogVersion = lazyBean(CatalogVersionSync.class);

    /** As Cloud Functions makes it, once per instance. */
    public MaintenanceFunction() {
        super();
    }

    /** Over a context made by the caller (tests). */
    public MaintenanceFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected void handle(String id, Optional<PubSubMessage> message) {
        Optional<Boolean> dryRun = DryRunFlag.of(message);
        if (dryRun.isEmpty()) {
            LOG.error("event {}: dryRun must be true or false (message attribute or JSON field); nothing done", id);
            return;
        }
        if (dryRun.get()) {
            answerFailures(id, () -> dryRun(id, service.get().dryRun()));
            return;
        }
        Thread sync = new Thread(() -> syncCatalogVersion(id), "catalog-version-sync");
        sync.start();
        try {
            answerFailures(id, () -> maintain(id));
        } finally {
            awaitSync(sync);
        }
    }

    /**
     * A passing store failure is thrown, so Pub/Sub delivers again; anything else is logged and acknowledged.
     */
    private static void answerFailures(String id, Runnable work) {
        try {
            work.run();
        } catch (UnavailableException e) {
            LOG.warn("event {}: store unavailable, asking Pub/Sub to deliver again: {}", id, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.error("event {}: maintenance failed; the next scheduled run tries again", id, e);
        }
    }

    private void maintain(String id) {
        MaintenanceService.Report report = service.get().run();
        for (MigrationReport m : report.migrations()) {
            LOG.info("event {}: schema version {} {} found {} done {}{}", id, m.version(), m.status(), m.found(),
                    m.done(), m.waitingFor().isEmpty() ? "" : "; waiting for " + m.waitingFor());
        }
        LOG.info("event {}: instance registry: {} silent instance(s) removed", id, report.silentInstancesRemoved());
        VisitFlush.Report v = report.visits();
        if (v != null) {
            LOG.info("event {}: buffered visits batch {} snippets {} visits {} chunks added {} skipped {} complete {}",
                    id, v.batch(), v.snippets(), v.visits(), v.chunksAdded(), v.chunksSkipped(), v.complete());
        }
        LOG.info("event {}: stale user snippets (last visit before {}) found {} deleted {} complete {}", id,
                report.cleanup().cutoff(), report.cleanup().found(), report.cleanup().deleted(),
                report.cleanup().complete());
        report.housekeeping().ifPresent(done -> LOG.info("event {}: {}", id, done));
    }

    /** The event is answered only after the sync: Cloud Run takes an instance's CPU once it has answered. */
    private static void awaitSync(Thread sync) {
        boolean interrupted = false;
        while (true) {
            try {
                sync.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void dryRun(String id, CleanupPreview.Report r) {
        LOG.info("event {}: dry run, nothing deleted: stale user snippets (last visit before {}) would delete {}"
                + " by origin {} by days since last visit {} kept for buffered visits {} first ids {}", id, r.cutoff(),
                r.wouldDelete(), r.byOrigin(), r.byAge(), r.keptForVisits(), r.firstIds());
    }

    /** A failure here is logged only: it leaves the snippets' maintenance to go on, and the next run tries again. */
    private void syncCatalogVersion(String id) {
        try {
            CatalogVersionSync.Result sync = catalogVersion.get().sync();
            LOG.info("event {}: catalog version: cache {} {}, store {}, published {}", id, sync.state(), sync.cached(),
                    sync.stored(), sync.published());
        } catch (RuntimeException e) {
            LOG.warn("event {}: the catalog version could not be brought to the cache: {}", id, e.getMessage());
        }
    }
}
