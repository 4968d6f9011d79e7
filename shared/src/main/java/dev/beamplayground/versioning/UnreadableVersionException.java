package dev.beamplayground.versioning;

import dev.beamplayground.domain.error.InternalException;

/**
 * A stored object's version is one this code cannot read (an older major, or one older than the
 * previous version), or a writer is pinned to a version this code cannot write. Either is an
 * operator's error in the rollout order; the message says which object and versions.
 */
public class UnreadableVersionException extends InternalException {
    public UnreadableVersionException(String message) {
        super(message, null);
    }
}
