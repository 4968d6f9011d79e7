package dev.beamplayground.migration;

/**
 * One schema version, the Java form of Beam Playground's {@code Version} contract: a version string,
 * what it changes, and the work that brings the data to it. Registered in order in {@link Migrations};
 * applied once, then recorded in {@code pg_schema_versions}.
 */
public interface Version {
    /** The version string, e.g. {@code 0.0.2}; compared part by part as numbers. */
    String version();

    /** What the version changes; stored as {@code descr}. */
    String description();

    /**
     * Initiates the data for this version or migrates it. Must be idempotent (a run may be repeated
     * after a crash) and should work in batches through {@code context}, so a long run can stop at its
     * deadline and resume.
     *
     * @return the counts; {@code complete = false} when it stopped early and has to run again
     */
    MigrationReport migrate(MigrationContext context);
}
