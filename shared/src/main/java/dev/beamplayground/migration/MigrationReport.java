package dev.beamplayground.migration;

/**
 * What one run of a migration did.
 *
 * @param version  the schema version
 * @param found    objects it examined, over all runs so far
 * @param done     objects it changed, over all runs so far
 * @param complete whether it finished (and is recorded in pg_schema_versions)
 */
public record MigrationReport(String version, long found, long done, boolean complete) {
}
