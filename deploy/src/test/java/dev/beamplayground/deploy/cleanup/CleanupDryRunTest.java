package dev.beamplayground.deploy.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Origin;
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
