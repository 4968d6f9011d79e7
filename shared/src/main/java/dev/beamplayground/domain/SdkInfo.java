package dev.beamplayground.domain;

import java.util.Objects;

/**
 * An SDK entity (kind {@code pg_sdks}).
 *
 * @param sdk            the SDK, its key
 * @param defaultExample name of the example shown first for this SDK ("" when none)
 */
public record SdkInfo(Sdk sdk, String defaultExample) {
    public SdkInfo {
        Objects.requireNonNull(sdk, "sdk");
        Objects.requireNonNull(defaultExample, "defaultExample");
    }
}
