package dev.beamplayground.migration;

import java.util.List;

/**
 * What one run of a migration did.
 *
 * @param version    the schema version
 * @param found      objects it examined, over all runs so far
 * @param done       objects it changed, over all runs so far
 * @param complete   whether it finished (and is recorded in pg_schema_versions)
 * @param waitingFor the live instances that kept it from starting (then nothing was done); empty otherwise
 */
public record MigrationReport(String version, long found, long done, boolean complete,
                              List<MigrationGate.Blocker> waitingFor) {
    public MigrationReport {
        waitingFor = List.copyOf(waitingFor);
    }

    public MigrationReport(String version, long found, long done, boolean complete) {
        this(version, found, done, complete, List.of());
    }

    /** {@code complete}, {@code waiting} (for older instances to go) or {@code stopped} (at its deadline). */
    public String status() {
        return complete ? "complete" : waitingFor.isEmpty() ? "stopped" : "waiting";
    }
}
