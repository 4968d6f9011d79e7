package dev.beamplayground.deploy.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.io.TempDir;
import dev.beamplayground.maintenance.CleanupPreview;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanupDryRunTest {
    @Test
    void aBadArgumentIsRefusedBeforeAnythingIsOpened() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(2, CleanupDryRun.run(new String[] {"-3"}, out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(2, CleanupDryRun.run(new String[] {"x"}, out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: CleanupDryRun"));
    }

    @Test
    void onAStoreItListsTheStaleUserSnippetsAndDeletesNothing(@TempDir Path dir) {
        try (ApplicationContext context = ApplicationContext.run(Map.of("backend.module", "sqlite",
                "backend.path", dir.resolve("dry.db").toString()))) {
            PlaygroundStore store = context.getBean(PlaygroundStore.class);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            store.saveSnippet(snippet("old1", Origin.PG_USER, now.minus(400, ChronoUnit.DAYS)));
            store.saveSnippet(snippet("old2", Origin.TB_USER, now.minus(120, ChronoUnit.DAYS)));
            store.saveSnippet(snippet("recent", Origin.PG_USER, now.minus(10, ChronoUnit.DAYS)));
            store.saveSnippet(snippet("SDK_GO_Example", Origin.PG_EXAMPLES, now.minus(900, ChronoUnit.DAYS)));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            CleanupPreview.Report report = CleanupDryRun.run(context, 100,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertEquals(List.of("old1", "old2"), report.firstIds());
            assertEquals(Map.of(Origin.PG_USER, 1L, Origin.TB_USER, 1L), report.byOrigin());
            assertEquals(4, store.countSnippets(), "nothing deleted");
            String printed = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains(": 2 would be deleted"), printed);
            assertTrue(printed.contains("visit buffer not checked"), printed);
        }
    }

    private static Snippet snippet(String id, Origin origin, Instant lastVisited) {
        return new Snippet(id, Sdk.SDK_GO, "", Complexity.COMPLEXITY_BASIC, "", origin, "", lastVisited, lastVisited, 0,
                SchemaVersion.CURRENT, List.of(new SnippetFile("main.go", "package main", true, 0)), List.of());
    }

    @Test
    void theReportListsCountsAndIds() {
        Map<String, Long> ages = new LinkedHashMap<>();
        ages.put("100-179d", 2L);
        ages.put("180d+", 1L);
        CleanupPreview.Report report = new CleanupPreview.Report(Instant.parse("2026-08-24T00:00:00Z"), 3,
                Map.of(Origin.PG_USER, 3L), ages, List.of("a", "b", "c"), 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CleanupDryRun.print(report, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("""
                dry run, nothing deleted: user snippets last visited before 2026-08-24T00:00:00Z: 3 would be deleted
                  origin PG_USER: 3
                  unvisited 100-179d: 2
                  unvisited 180d+: 1
                  kept for visits in the visit buffer: 1
                first 3 in deletion order:
                  a
                  b
                  c
                """, bytes.toString(StandardCharsets.UTF_8));
    }
}
