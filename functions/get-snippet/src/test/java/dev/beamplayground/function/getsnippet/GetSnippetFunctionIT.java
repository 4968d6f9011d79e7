package dev.beamplayground.function.getsnippet;

import static dev.beamplayground.testing.ConnectAssertions.assertConnectError;
import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.api.v1.GetSnippetResponse;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.testing.CountingProxy;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionsPerBackend;
import dev.beamplayground.testing.SqlStatementCounter;
import dev.beamplayground.testing.TestBackend;
import com.google.protobuf.util.JsonFormat;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GetSnippet over HTTP, against SQLite and the real Datastore emulator. */
class GetSnippetFunctionIT {
    @RegisterExtension
    static final FunctionsPerBackend FUNCTIONS = new FunctionsPerBackend();
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private static Snippet stored(String id) {
        return new Snippet(id, Sdk.SDK_SCIO, "--x=1", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "",
                CREATED, CREATED, 0, SchemaVersion.CURRENT,
                List.of(new SnippetFile("Main.scala", "object Main", true, 3),
                        new SnippetFile("Lib.scala", "object Lib", false, 0)),
                List.of());
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void answersTheSnippetAndCountsTheVisit(TestBackend backend) throws Exception {
        FunctionClient fn = FUNCTIONS.get(backend);
        fn.store().saveSnippet(stored("getMe_1"));

        String body = assertOk(fn.call("GetSnippet", "{\"id\":\"getMe_1\"}"));
        assertOk(fn.call("GetSnippet", "{\"id\":\"getMe_1\"}"));

        GetSnippetResponse.Builder response = GetSnippetResponse.newBuilder();
        JsonFormat.parser().merge(body, response);
        assertEquals(dev.beamplayground.api.v1.Sdk.SDK_SCIO, response.getSdk());
        assertEquals(dev.beamplayground.api.v1.Complexity.COMPLEXITY_BASIC, response.getComplexity());
        assertEquals("--x=1", response.getPipelineOptions());
        assertEquals(2, response.getFilesCount());
        assertEquals("Main.scala", response.getFiles(0).getName());
        assertEquals("object Main", response.getFiles(0).getContent());
        assertTrue(response.getFiles(0).getIsMain());
        Snippet after = fn.store().findSnippet("getMe_1").orElseThrow();
        assertEquals(2, after.visitCount());
        assertTrue(after.lastVisited().isAfter(CREATED));
    }

    @ParameterizedTest
    @EnumSource(TestBackend.class)
    void anUnknownIdIsNotFound(TestBackend backend) {
        assertConnectError(FUNCTIONS.get(backend).call("GetSnippet", "{\"id\":\"doesNotExist\"}"), 404, "not_found");
    }

    /** Refused ids never reach the store: the SQL statements run, counted on the store's connection, stay none. */
    @Test
    void malformedIdsAreRefusedBeforeTheSqliteStore() {
        FunctionClient fn = FUNCTIONS.get(TestBackend.SQLITE);
        SqlStatementCounter statements = SqlStatementCounter.install(fn.store());
        statements.reset();
        sendRefusedIds(fn);
        assertEquals(Map.of(), statements.byKeyword());
        // The counter sees what the store does: an id that passes is looked up.
        assertConnectError(fn.call("GetSnippet", "{\"id\":\"doesNotExist\"}"), 404, "not_found");
        assertFalse(statements.byKeyword().isEmpty(), "the counter saw no lookup");
    }

    /** Refused ids never reach the store: a proxy in front of the emulator counts no RPC. */
    @Test
    @ExtendWith(DatastoreEmulatorExtension.class)
    void malformedIdsAreRefusedBeforeTheDatastoreStore(DatastoreEmulator emulator, @TempDir Path dir) {
        try (CountingProxy proxy = CountingProxy.to(emulator.host())) {
            Map<String, Object> properties = new HashMap<>(TestBackend.DATASTORE.properties(emulator, dir));
            properties.put("backend.emulator-host", proxy.host());
            try (FunctionClient fn = FunctionClient.start(properties)) {
                proxy.reset();
                sendRefusedIds(fn);
                assertEquals(Map.of(), proxy.byMethod());
                assertConnectError(fn.call("GetSnippet", "{\"id\":\"doesNotExist\"}"), 404, "not_found");
                assertTrue(proxy.total() > 0, "the proxy saw no lookup");
            }
        }
    }

    private static void sendRefusedIds(FunctionClient fn) {
        assertConnectError(fn.call("GetSnippet", "{}"), 400, "invalid_argument");
        assertConnectError(fn.call("GetSnippet", "{\"id\":\"../pg_files/x\"}"), 400, "invalid_argument");
        assertConnectError(fn.call("GetSnippet", "{\"id\":\"" + "a".repeat(257) + "\"}"), 400, "invalid_argument");
        assertConnectError(fn.call("GetSnippet", "{\"id\":\"a\\r\\nb\"}"), 400, "invalid_argument");
    }
}
