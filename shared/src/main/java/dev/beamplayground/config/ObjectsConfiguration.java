package dev.beamplayground.config;

import dev.beamplayground.versioning.Codecs;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code objects.*}: the versions persisted objects are written at during a rolling upgrade.
 * {@code objects.pin} (env {@code OBJECTS_PIN}) is {@code kind=version[,kind=version...]}, e.g.
 * {@code pg_snippets=1.0}, or {@value Codecs#PIN_PREVIOUS} for every kind's previous version; default
 * {@value #DEFAULT_PIN} (every kind at the version of this code).
 */
@ConfigurationProperties(ObjectsConfiguration.PREFIX)
public class ObjectsConfiguration {
    public static final String PREFIX = "objects";
    /** No pin: write what this code writes. */
    public static final String DEFAULT_PIN = "";

    private String pin = DEFAULT_PIN;

    public String getPin() {
        return pin;
    }

    public void setPin(@Nullable String pin) {
        this.pin = pin == null ? DEFAULT_PIN : pin;
    }
}
