package dev.beamplayground.migration;

import java.util.List;

/**
 * Every schema version, in the order they are applied: the one place a new migration is registered.
 * Add a new one at the end, with a higher version string.
 */
public final class Migrations {
    private Migrations() {
    }

    public static List<Version> all() {
        return List.of(
                new InitialVersion(),
                new SnippetComplexityDefault());
    }
}
