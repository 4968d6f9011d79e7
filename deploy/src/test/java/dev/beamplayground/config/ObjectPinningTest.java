package dev.beamplayground.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.upgrade.InstanceRegistry;
import dev.beamplayground.versioning.ObjectVersion;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code objects.pin} reaches the store's writers, and a wrong pin stops the start naming the key. */
class ObjectPinningTest {
    @TempDir
    Path dir;

    @Test
    void thePinnedVersionIsWhatTheStoreWrites() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("backend.module", "sqlite",
                "backend.path", dir.resolve("p.db").toString(), "objects.pin", "pg_snippets=1.0"))) {
            PlaygroundStore store = context.getBean(PlaygroundStore.class);
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            store.saveSnippet(new Snippet("pinned", Sdk.SDK_GO, "", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "",
                    t, t, 0, SchemaVersion.CURRENT, List.of(new SnippetFile("m.go", "x", true, 0)), List.of()));

            assertEquals(ObjectVersion.of(1, 0), store.read(Snippet.KIND, "pinned").orElseThrow().version());
            assertEquals(ObjectVersion.of(1, 0), store.read(Snippet.FILE_KIND, "pinned_0").orElseThrow().version());
        }
    }

    @Test
    void byDefaultTheInstanceFollowsTheAutomaticPinAndReportsWithItsFirstStoreCall() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("backend.module", "sqlite",
                "backend.path", dir.resolve("a.db").toString(), "objects.release", "r7"))) {
            assertTrue(context.getBean(ObjectPinning.class).codecs().autoPinned());
            PlaygroundStore store = context.getBean(PlaygroundStore.class);
            store.countSnippets();

            List<InstanceEntry> entries = new InstanceRegistry(store).all();
            assertEquals(List.of("r7"), entries.stream().map(InstanceEntry::release).toList());
            assertEquals("1.1", entries.get(0).writes().get(Snippet.KIND));
        }
        try (ApplicationContext context = ApplicationContext.run(Map.of("backend.module", "sqlite",
                "backend.path", dir.resolve("b.db").toString(), "objects.pin", "none"))) {
            assertFalse(context.getBean(ObjectPinning.class).codecs().autoPinned());
        }
    }

    @Test
    void aPinThisCodeCannotWriteStopsTheStart() {
        Exception e = assertThrows(Exception.class, () -> ApplicationContext.run(Map.of("backend.module", "sqlite",
                "backend.path", dir.resolve("q.db").toString(), "objects.pin", "pg_snippets=1.5")).close());
        Throwable cause = e;
        while (!(cause instanceof BackendConfigException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause instanceof BackendConfigException, e::toString);
        assertEquals("objects.pin: pg_snippets can be pinned to 1.1 or 1.0, not 1.5", cause.getMessage());
    }
}
