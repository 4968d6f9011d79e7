package dev.beamplayground.domain;

/** Where a snippet or example came from; only user snippets are ever cleaned up. */
public enum Origin {
    PG_EXAMPLES,
    TB_EXAMPLES,
    PG_SNIPPETS,
    TB_SNIPPETS,
    PG_USER,
    TB_USER;

    public boolean isUserData() {
        return this == PG_USER || this == TB_USER;
    }
}
