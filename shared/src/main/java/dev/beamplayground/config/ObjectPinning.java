package dev.beamplayground.config;

import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.upgrade.AutoPin;
import dev.beamplayground.upgrade.UpgradeSettings;
import dev.beamplayground.versioning.Codecs;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The codecs with the operator's pin applied, checked when the application starts: a pin naming an
 * unknown kind or a version this code cannot write stops the start with one line. Kinds without an
 * explicit pin follow the automatic pin unless {@code objects.pin} is {@value ObjectsConfiguration#PIN_NONE}.
 * Builds no store and reads nothing: the instance reports itself with its first store call. Only in a function
 * with a store ({@link BackendPresent}): elsewhere nothing reads or writes objects, and the codecs and the
 * instance's upgrade state (its AutoPin and random id) would be made at every start for nothing.
 */
@Context
@Requires(condition = BackendPresent.class)
public class ObjectPinning {
    private final Codecs codecs;
    private final AutoPin autoPin;

    public ObjectPinning(ObjectsConfiguration configuration, Clock clock) {
        List<String> explicit = new ArrayList<>();
        boolean automatic = true;
        for (String entry : configuration.getPin().split(",")) {
            String token = entry.strip();
            if (token.equals(ObjectsConfiguration.PIN_NONE)) {
                automatic = false;
            } else if (!token.isEmpty() && !token.equals(ObjectsConfiguration.DEFAULT_PIN)) {
                explicit.add(token);
            }
        }
        try {
            Codecs base = Codecs.current().pinned(String.join(",", explicit));
            this.autoPin = new AutoPin(base, new UpgradeSettings(configuration.getRelease(),
                    configuration.getHeartbeatInterval(), configuration.getGrace()), clock);
            this.codecs = automatic ? autoPin.codecs() : base;
        } catch (IllegalArgumentException e) {
            throw new BackendConfigException(e.getMessage());
        }
    }

    /** What the store reads and writes with. */
    public Codecs codecs() {
        return codecs;
    }

    /** This instance in the registry: its heartbeat, pin and the migration gate. */
    public AutoPin autoPin() {
        return autoPin;
    }
}
