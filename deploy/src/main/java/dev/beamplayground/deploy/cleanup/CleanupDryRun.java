package dev.beamplayground.deploy.cleanup;

import dev.beamplayground.config.VisitFactory;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.maintenance.CleanupPreview;
import dev.beamplayground.maintenance.MaintenanceService;
import dev.beamplayground.migration.MigrationRunner;
import dev.beamplayground.migration.Migrations;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.visit.VisitBuffer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The stale-snippet cleanup's dry run from a shell: what the maintenance function would delete now, with the
 * functions' configuration ({@code BACKEND_MODULE}, {@code BACKEND_*}, and {@code REDIS_URI} so that snippets
 * with visits still in the visit buffer are left out, as the real run keeps them). Deletes and writes nothing.
 *
 * <pre>
 * java -cp playground-local.jar dev.beamplayground.deploy.cleanup.CleanupDryRun [stale-after-days]
 * </pre>
 *
 * Prints the cutoff, how many snippets would go, by origin and by days since the last visit, and the first
 * {@value MaintenanceService#DRY_RUN_IDS} ids in deletion order. Exit status 0, 2 on a bad setting, 3 when the
 * store cannot be read. For the deployed function, publish a message with the attribute {@code dryRun=true} to
 * the maintenance topic instead: it logs the same report.
 */
public final class CleanupDryRun {
    /** As the maintenance function's {@code maintenance.stale-after-days}. */
    static final int DEFAULT_STALE_AFTER_DAYS = 100;

    private CleanupDryRun() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        int days;
        try {
            days = args.length == 0 ? DEFAULT_STALE_AFTER_DAYS : Integer.parseInt(args[0].strip());
            if (args.length > 1 || days < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("usage: CleanupDryRun [stale-after-days (a positive number, default "
                    + DEFAULT_STALE_AFTER_DAYS + ")]");
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.run()) {
            run(context, days, out);
            return 0;
        } catch (BackendConfigException e) {
            err.println("dry run: " + e.getMessage());
            return 2;
        } catch (BeanInstantiationException e) {
            err.println("dry run: " + (e.getCause() instanceof BackendConfigException b ? b : e).getMessage());
            return 2;
        } catch (PlaygroundException e) {
            err.println("dry run: the store could not be read: " + e.getMessage());
            return 3;
        }
    }

    /** The dry run with the store (and visit buffer) of {@code context}. */
    static CleanupPreview.Report run(ApplicationContext context, int staleAfterDays, PrintStream out) {
        PlaygroundStore store = context.getBean(PlaygroundStore.class);
        Optional<VisitBuffer> buffer = VisitFactory.usable(context.findBean(VisitBuffer.class), store);
        MaintenanceService service = new MaintenanceService(store, new MigrationRunner(Migrations.all()),
                new MaintenanceService.Settings(Duration.ofDays(staleAfterDays), 200, Duration.ofMinutes(8)),
                Clock.systemUTC(), buffer.orElse(null));
        CleanupPreview.Report report = service.dryRun();
        print(report, buffer.isPresent(), out);
        return report;
    }

    static void print(CleanupPreview.Report r, boolean checkedBuffer, PrintStream out) {
        out.printf("dry run, nothing deleted: user snippets last visited before %s: %d would be deleted%n", r.cutoff(),
                r.wouldDelete());
        for (Map.Entry<Origin, Long> e : r.byOrigin().entrySet()) {
            out.printf("  origin %s: %d%n", e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Long> e : r.byAge().entrySet()) {
            out.printf("  unvisited %s: %d%n", e.getKey(), e.getValue());
        }
        out.println(checkedBuffer ? "  kept for visits in the visit buffer: " + r.keptForVisits()
                : "  visit buffer not checked (no REDIS_URI): snippets read since the last flush may be listed");
        out.printf("first %d in deletion order:%n", r.firstIds().size());
        r.firstIds().forEach(id -> out.println("  " + id));
    }
}
