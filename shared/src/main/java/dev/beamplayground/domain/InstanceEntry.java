package dev.beamplayground.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One running function instance as it records itself in the instance registry (kind {@value #KIND}):
 * its release, the object versions it can write and those it writes now (per kind, e.g.
 * {@code pg_snippets -> 1.1}), when it started and when it last reported.
 *
 * @param id       random per process
 * @param release  the release (revision) the instance runs
 * @param canWrite per kind, the highest object version its code writes
 * @param writes   per kind, the version it writes now (its pin)
 * @param started  when it first reported
 * @param beat     when it last reported
 */
public record InstanceEntry(String id, String release, Map<String, String> canWrite, Map<String, String> writes,
                            Instant started, Instant beat) {
    public static final String KIND = "pg_instances";

    public InstanceEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(release, "release");
        canWrite = Map.copyOf(new TreeMap<>(canWrite));
        writes = Map.copyOf(new TreeMap<>(writes));
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(beat, "beat");
    }
}
