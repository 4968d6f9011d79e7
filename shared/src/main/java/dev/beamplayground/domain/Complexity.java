package dev.beamplayground.domain;

/** How hard an example or snippet is. Stored by name, as Beam stores it. */
public enum Complexity {
    COMPLEXITY_UNSPECIFIED,
    COMPLEXITY_BASIC,
    COMPLEXITY_MEDIUM,
    COMPLEXITY_ADVANCED
}
