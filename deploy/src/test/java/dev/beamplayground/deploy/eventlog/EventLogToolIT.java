package dev.beamplayground.deploy.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.RedisServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool on a real redis-server: a damaged index is found by check and repaired by rebuild. */
class EventLogToolIT {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private record Run(int status, String out) {
    }

    private static Run tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = EventLogTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true,
                StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkFindsADamagedIndexAndRebuildRepairsIt() {
        try (RedisServer redis = RedisServer.startDurable()) {
            String uri = "uri=" + redis.uri();
            try (PlaygroundStore store = Backends.select(Map.of("module", "event", "model-prefix", "pg", "uri", redis.uri(),
                    "stream", "tool"), Map.of()).open()) {
                for (int i = 0; i < 3; i++) {
                    store.saveSnippet(new Snippet("t" + i, Sdk.SDK_JAVA, "", Complexity.COMPLEXITY_BASIC, "key" + i,
                            Origin.TB_USER, "", T0, T0, 0, SchemaVersion.CURRENT,
                            List.of(new SnippetFile("A.java", "class A {} // " + i, true, 0)), List.of()));
                }
                store.visitSnippet("t1", T0.plusSeconds(5));
            }
            assertEquals(0, tool("check", "model-prefix=pg", uri, "stream=tool").status());

            redis.command("DEL", "{tool}:ix:pg:pk");
            Run damaged = tool("check", "model-prefix=pg", uri, "stream=tool");
            assertEquals(1, damaged.status(), damaged.out());
            assertTrue(damaged.out().contains("index {tool}:ix:pg:pk: 0 members, the log gives 3"), damaged.out());

            Run rebuilt = tool("rebuild", "model-prefix=pg", uri, "stream=tool");
            assertEquals(0, rebuilt.status(), rebuilt.out());
            assertEquals(0, tool("check", "model-prefix=pg", uri, "stream=tool").status());
            try (PlaygroundStore store = Backends.select(Map.of("module", "event", "model-prefix", "pg", "uri", redis.uri(),
                    "stream", "tool"), Map.of()).open()) {
                assertEquals(List.of("t2"), store.snippetIdsByPersistenceKey("key2"));
                assertEquals(1, store.findSnippet("t1").orElseThrow().visitCount());
            }
        }
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertEquals(2, tool().status());
        assertEquals(2, tool("check", "model-prefix=pg").status()); // uri missing
        assertTrue(tool("check", "model-prefix=a b", "uri=redis://127.0.0.1:1").out().contains("backend.model-prefix"));
    }
}
