package dev.beamplayground.migration;

import dev.beamplayground.versioning.ObjectVersion;
import java.time.Duration;
import java.util.List;

/**
 * Whether a migration that brings a kind to an object version may start: not while a live instance still
 * writes the kind below that version, or it would write objects back behind the migration.
 */
@FunctionalInterface
public interface MigrationGate {
    /** No registry: every migration may start (tests, tools run by hand while nothing else runs). */
    MigrationGate OPEN = (kind, target) -> List.of();

    /**
     * An instance that holds a migration back: its release, the version it writes, the highest it can
     * write, and how long it has run. One that can write the target only waits for the older ones to go
     * (its automatic pin lifts then); one that cannot is the old release to stop.
     */
    record Blocker(String release, ObjectVersion writes, ObjectVersion canWrite, Duration age) {
        /** Whether this instance's code is older than the target (rather than pinned down by older ones). */
        public boolean olderThan(ObjectVersion target) {
            return canWrite == null || canWrite.isBefore(target);
        }

        @Override
        public String toString() {
            return "release " + release + " writing " + writes + " (can " + canWrite + ", up " + age.toSeconds() + " s)";
        }
    }

    /** The live instances that write {@code kind} below {@code target}; empty when the migration may start. */
    List<Blocker> blockers(String kind, ObjectVersion target);
}
