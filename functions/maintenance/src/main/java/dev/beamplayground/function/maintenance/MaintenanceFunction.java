package dev.beamplayground.function.maintenance;

import com.google.events.cloud.pubsub.v1.MessagePublishedData;
import dev.beamplayground.catalog.CatalogVersionSync;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.edge.CloudEventData;
import dev.beamplayground.logging.Printable;
import dev.beamplayground.maintenance.CleanupPreview;
import dev.beamplayground.maintenance.MaintenanceService;
import dev.beamplayground.migration.MigrationReport;
import dev.beamplayground.logging.LogContext;
import dev.beamplayground.logging.PlaygroundLogging;
import dev.beamplayground.visit.VisitFlush;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventContext;
import io.micronaut.gcp.function.cloudevents.GoogleCloudEventsFunction;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance function: triggered by a Pub/Sub message (from Cloud Scheduler), it runs the pending
 * schema migrations, folds the buffered visits into the snippets, removes user snippets not visited for {@code maintenance.stale-after-days}, and
 * publishes the store's catalog version to the shared cache (see {@link CatalogVersionSync}).
 * A message with {@code dryRun} true (attribute, or field of a JSON payload) runs the cleanup's dry run instead:
 * it logs what would be deleted and changes nothing. A passing store failure is thrown, so Pub/Sub delivers again
 * (with retries enabled); anything else is logged and acknowledged: the next scheduled run tries again
 * rather than a retry loop hammering a broken store.
 *
 * <p>Entry point: {@code dev.beamplayground.function.maintenance.MaintenanceFunction}.
 */
public class MaintenanceFunction extends GoogleCloudEventsFunction<MessagePublishedData> {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceFunction.class);

    /** Made by the invoker once per instance: from here on its own reports go to the same log lines. */
    public MaintenanceFunction() {
        PlaygroundLogging.bridgeJavaUtilLogging();
    }

    // Injected into this instance by the function initializer, as cancel-listener's handler is: the invoker creates
    // the object, so no constructor injection. The catalog sync is looked up when used: its failure is only logged.
    @Inject
    MaintenanceService service;

    @Inject
    Provider<CatalogVersionSync> catalogVersionSync;

    @Override
    protected void accept(CloudEventContext context, MessagePublishedData data) {
        String id = context.getId() == null ? "?" : Printable.of(context.getId(), 64);
        Optional<Boolean> dryRun = DryRunFlag.of(data);
        if (dryRun.isEmpty()) {
            LOG.error("event {}: dryRun must be true or false (message attribute or JSON field); nothing done", id);
            return;
        }
        try {
            if (dryRun.get()) {
                dryRun(id, service.dryRun());
                return;
            }
            MaintenanceService.Report report = service.run();
            for (MigrationReport m : report.migrations()) {
                LOG.info("event {}: schema version {} found {} done {} complete {}", id, m.version(), m.found(),
                        m.done(), m.complete());
            }
            VisitFlush.Report v = report.visits();
            if (v != null) {
                LOG.info("event {}: buffered visits batch {} snippets {} visits {} chunks added {} skipped {} complete {}",
                        id, v.batch(), v.snippets(), v.visits(), v.chunksAdded(), v.chunksSkipped(), v.complete());
            }
            LOG.info("event {}: stale user snippets (last visit before {}) found {} deleted {} complete {}", id,
                    report.cleanup().cutoff(), report.cleanup().found(), report.cleanup().deleted(),
                    report.cleanup().complete());
            report.housekeeping().ifPresent(done -> LOG.info("event {}: {}", id, done));
            syncCatalogVersion(id);
        } catch (UnavailableException e) {
            LOG.warn("event {}: store unavailable, asking Pub/Sub to deliver again: {}", id, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            LOG.error("event {}: maintenance failed; the next scheduled run tries again", id, e);
        }
    }

    private static void dryRun(String id, CleanupPreview.Report r) {
        LOG.info("event {}: dry run, nothing deleted: stale user snippets (last visit before {}) would delete {}"
                + " by origin {} by days since last visit {} kept for buffered visits {} first ids {}", id, r.cutoff(),
                r.wouldDelete(), r.byOrigin(), r.byAge(), r.keptForVisits(), r.firstIds());
    }

    /** A failure here is logged only: the snippets' maintenance is done, and the next run tries again. */
    private void syncCatalogVersion(String id) {
        try {
            CatalogVersionSync.Result sync = catalogVersionSync.get().sync();
            LOG.info("event {}: catalog version: cache {} {}, store {}, published {}", id, sync.state(), sync.cached(),
                    sync.stored(), sync.published());
        } catch (RuntimeException e) {
            LOG.warn("event {}: the catalog version could not be brought to the cache: {}", id, e.getMessage());
        }
    }

    /** The event's data, mapped as every event function maps it ({@link CloudEventData}); without it, it runs anyway. */
    @Override
    protected Optional<MessagePublishedData> map(CloudEvent event, Class<MessagePublishedData> type) {
        return CloudEventData.of(event, MessagePublishedData.getDefaultInstance());
    }

    /**
     * Every line logged for the event carries its trace; when the event fails, the context stays for the invoker's
     * report of the failure (bridged from java.util.logging) and the next event replaces it.
     */
    @Override
    public void accept(CloudEvent event) throws Exception {
        LogContext.startEvent(event.getExtension("traceparent"));
        super.accept(event);
        LogContext.clear();
    }
}
