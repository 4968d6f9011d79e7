package dev.beamplayground.migration;

import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.versioning.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versions that {@code pg_schema_versions} does not list yet, in order, and records each
 * when it has finished; a version that stops early (deadline) is not recorded, and the ones after it
 * wait, as do the ones after a version that is {@code waiting} for older instances to stop. Running it
 * again when everything is applied reads the records and changes nothing. Two runs at
 * once are safe (every change is its own transaction and idempotent), only wasteful.
 */
public final class MigrationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    private final List<Version> versions;

    public MigrationRunner(List<Version> versions) {
        this.versions = List.copyOf(versions);
        for (int i = 1; i < this.versions.size(); i++) {
            if (compare(this.versions.get(i - 1).version(), this.versions.get(i).version()) >= 0) {
                throw new IllegalArgumentException("migrations must be registered in ascending version order: "
                        + this.versions.get(i - 1).version() + " before " + this.versions.get(i).version());
            }
        }
    }

    /** The versions not yet recorded, in order. */
    public List<Version> pending(PlaygroundStore store) {
        return versions.stream().filter(v -> store.read(SchemaVersion.KIND, v.version()).isEmpty()).toList();
    }

    /** Runs the pending versions; @return a report per version it ran, the last one incomplete if it stopped */
    public List<MigrationReport> runPending(MigrationContext context) {
        PlaygroundStore store = context.store();
        Codecs codecs = store.codecs();
        List<MigrationReport> reports = new ArrayList<>();
        for (Version v : pending(store)) {
            if (context.pastDeadline()) {
                break;
            }
            LOG.info("schema version {}: running ({})", v.version(), v.description());
            MigrationReport report = v.migrate(context);
            reports.add(report);
            if (report.status().equals("waiting")) {
                LOG.info("schema version {}: waiting for {} older instance(s) to stop: {}", v.version(),
                        report.waitingFor().size(), report.waitingFor());
            } else {
                LOG.info("schema version {}: found {}, done {}, {}", v.version(), report.found(), report.done(),
                        report.complete() ? "complete" : "stopped at its deadline; the next run resumes");
            }
            if (!report.complete()) {
                break;
            }
            SchemaVersion record = new SchemaVersion(v.version(), v.description());
            store.write(SchemaVersion.KIND, v.version(), current -> current.isPresent() ? Optional.empty()
                    : Optional.of(codecs.schemaVersions().write(record, codecs.writeVersion(SchemaVersion.KIND))));
        }
        return reports;
    }

    /** Version strings compared part by part, numerically where both parts are numbers. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0";
            String q = i < y.length ? y[i] : "0";
            int c = p.matches("\\d{1,9}") && q.matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q)) : p.compareTo(q);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
