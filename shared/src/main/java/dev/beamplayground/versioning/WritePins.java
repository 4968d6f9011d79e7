package dev.beamplayground.versioning;

import java.util.Optional;

/**
 * Write versions that change while the code runs: the automatic pin, computed from the versions the
 * running instances can write. {@link Codecs} asks it when the operator pinned nothing explicitly.
 */
@FunctionalInterface
public interface WritePins {

    /**
     * The version writers of {@code kind} should write now; empty for the code's own. May throw (an
     * unavailable error) when this release must not write the kind at all any more.
     */
    Optional<ObjectVersion> pin(String kind);
}
