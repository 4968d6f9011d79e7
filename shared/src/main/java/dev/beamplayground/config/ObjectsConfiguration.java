package dev.beamplayground.config;

import dev.beamplayground.versioning.Codecs;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code objects.*}: the versions persisted objects are written at during a rolling upgrade, and how this
 * instance reports itself in the instance registry.
 * <ul>
 * <li>{@code objects.pin} (env {@code OBJECTS_PIN}): {@value #DEFAULT_PIN} (default: per kind the lowest
 *     version a live instance can write, never above this code's), {@value #PIN_NONE} (this code's own
 *     versions), {@value Codecs#PIN_PREVIOUS} (every kind's previous version), or
 *     {@code kind=version[,kind=version...]} (those kinds pinned, the others automatic);</li>
 * <li>{@code objects.release} (env {@code OBJECTS_RELEASE}, else {@code K_REVISION}): the release recorded
 *     in the registry;</li>
 * <li>{@code objects.heartbeat-interval}, default {@value #DEFAULT_INTERVAL}: the most often an instance
 *     reports and recomputes its pin;</li>
 * <li>{@code objects.grace}, default {@value #DEFAULT_GRACE}: an instance silent for longer is not live.</li>
 * </ul>
 */
@ConfigurationProperties(ObjectsConfiguration.PREFIX)
public class ObjectsConfiguration {
    public static final String PREFIX = "objects";
    /** Automatic pin. */
    public static final String DEFAULT_PIN = "auto";
    /** No pin at all: write this code's versions whatever else runs. */
    public static final String PIN_NONE = "none";
    public static final String DEFAULT_INTERVAL = "30s";
    public static final String DEFAULT_GRACE = "5m";

    private String pin = DEFAULT_PIN;
    private String release = "";
    private Duration heartbeatInterval = Duration.ofSeconds(30);
    private Duration grace = Duration.ofMinutes(5);

    public String getPin() {
        return pin;
    }

    public void setPin(@Nullable String pin) {
        this.pin = pin == null || pin.isBlank() ? DEFAULT_PIN : pin;
    }

    /** The configured release, else Cloud Run's / Cloud Functions' revision name, else {@code unknown}. */
    public String getRelease() {
        if (!release.isBlank()) {
            return release;
        }
        String revision = System.getenv("K_REVISION");
        return revision == null || revision.isBlank() ? "unknown" : revision;
    }

    public void setRelease(@Nullable String release) {
        this.release = release == null ? "" : release.strip();
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getGrace() {
        return grace;
    }

    public void setGrace(Duration grace) {
        this.grace = grace;
    }
}
