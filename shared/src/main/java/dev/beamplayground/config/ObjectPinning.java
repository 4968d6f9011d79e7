package dev.beamplayground.config;

import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.versioning.Codecs;
import io.micronaut.context.annotation.Context;

/**
 * The codecs with the operator's pin applied, checked when the application starts: a pin naming an
 * unknown kind or a version this code cannot write stops the start with one line.
 */
@Context
public class ObjectPinning {
    private final Codecs codecs;

    public ObjectPinning(ObjectsConfiguration configuration) {
        try {
            this.codecs = Codecs.current().pinned(configuration.getPin());
        } catch (IllegalArgumentException e) {
            throw new BackendConfigException(e.getMessage());
        }
    }

    public Codecs codecs() {
        return codecs;
    }
}
