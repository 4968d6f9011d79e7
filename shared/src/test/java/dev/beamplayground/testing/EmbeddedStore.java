package dev.beamplayground.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** Settings of the embedded backend for an in-process test: a fresh SQLite file under target/. */
public final class EmbeddedStore {
    private EmbeddedStore() {
    }

    /** {@code backend.module} sqlite and a new {@code backend.path} named after {@code test}. */
    public static Map<String, String> properties(String test) {
        return Map.of("backend.module", "sqlite",
                "backend.path", Path.of("target", test + "-" + UUID.randomUUID() + ".db").toString());
    }
}
