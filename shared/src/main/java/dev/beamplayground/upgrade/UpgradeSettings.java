package dev.beamplayground.upgrade;

import java.time.Duration;
import java.util.Objects;

/**
 * How instances report themselves and how long a silent one still counts.
 *
 * @param release  the release this instance runs (a revision name); recorded, shown when it blocks a migration
 * @param interval an instance reports (and recomputes its automatic pin) at most this often
 * @param grace    an instance silent for longer is not live: it no longer holds the pin down or blocks a
 *                 migration, maintenance removes its entry, and it may not write before it reported again
 */
public record UpgradeSettings(String release, Duration interval, Duration grace) {
    public UpgradeSettings {
        Objects.requireNonNull(release, "release");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("objects.heartbeat-interval must be positive");
        }
        if (grace.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("objects.grace must be at least twice objects.heartbeat-interval");
        }
    }
}
