package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.ScriptedServer.Reply;
import dev.beamplayground.googlerest.ScriptedServer;
import dev.beamplayground.store.datastore.wire.CommitRequest;
import dev.beamplayground.store.datastore.wire.LookupRequest;
import dev.beamplayground.store.datastore.wire.LookupResponse;
import dev.beamplayground.store.datastore.wire.ReadOptions;
import dev.beamplayground.store.datastore.wire.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The wire of {@link DatastoreRpc} against a scripted server: what a call sends, how a failure's code is read, and
 * which failures are tried again within the retry budget (a fake clock and pause: nothing sleeps).
 */
class DatastoreRpcTest {
    private static final String PROTOBUF = "application/x-protobuf";

    private final AtomicLong nanos = new AtomicLong();
    private final List<Long> pauses = new ArrayList<>();

    private DatastoreRpc rpc(URI root, String databaseId) {
        return new DatastoreRpc(root, "proj", databaseId, Authorization.NONE, nanos::get, millis -> {
            pauses.add(millis);
            // A call retried far past its budget fails the test here instead of retrying without end.
            if (nanos.addAndGet(millis * 1_000_000) > 10 * DatastoreRpc.RETRY_BUDGET.toNanos()) {
                throw new AssertionError("retried past the budget: " + pauses.size() + " pauses");
            }
        });
    }

    private static Reply ok(com.google.protobuf.MessageLite message) {
        return Reply.of(200, PROTOBUF, message.toByteArray());
    }

    private static Reply failed(int httpStatus, int code, String message) {
        return Reply.of(httpStatus, PROTOBUF, Status.newBuilder().setCode(code).setMessage(message).build()
                .toByteArray());
    }

    @Test
    void aCallPostsItsMessageAsGooglesClientDoesAndReadsTheAnswer() throws Exception {
        LookupResponse answer = LookupResponse.newBuilder().setTransaction(ByteString.copyFromUtf8("t")).build();
        try (ScriptedServer server = new ScriptedServer(ok(answer)); DatastoreRpc rpc = rpc(server.uri(""), "db-1")) {
            assertEquals(answer, rpc.lookup(LookupRequest.getDefaultInstance()));
            ScriptedServer.Request sent = server.requests.get(0);
            assertEquals("POST", sent.method());
            assertEquals("/v1/projects/proj:lookup", sent.path());
            assertEquals(PROTOBUF, sent.contentType());
            assertEquals("2", sent.headers().get("x-goog-api-format-version"));
            assertEquals("project_id=proj&database_id=db-1", sent.headers().get("x-goog-request-params"));
            LookupRequest request = LookupRequest.parseFrom(sent.body());
            assertEquals("proj", request.getProjectId());
            assertEquals("db-1", request.getDatabaseId());
        }
    }

    @Test
    void theDefaultDatabaseIsNotNamed() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ok(LookupResponse.getDefaultInstance()));
                DatastoreRpc rpc = rpc(server.uri(""), "")) {
            rpc.lookup(LookupRequest.getDefaultInstance());
            assertEquals("project_id=proj", server.requests.get(0).headers().get("x-goog-request-params"));
        }
    }

    @Test
    void aRefusalCarriesDatastoresCodeAndIsNotRetried() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failed(400, 3, "entity is too big"));
                DatastoreRpc rpc = rpc(server.uri(""), "")) {
            DatastoreRpcException e = assertThrows(DatastoreRpcException.class,
                    () -> rpc.commit(CommitRequest.getDefaultInstance()));
            assertEquals(3, e.code());
            assertEquals("INVALID_ARGUMENT", e.reason());
            assertEquals("entity is too big", e.getMessage());
            assertEquals(1, server.requests.size());
        }
    }

    @Test
    void unavailableIsRetriedAfterAPauseUntilAnAnswer() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failed(503, 14, "down"), failed(504, 4, "slow"),
                ok(LookupResponse.getDefaultInstance()));
                DatastoreRpc rpc = rpc(server.uri(""), "")) {
            assertEquals(LookupResponse.getDefaultInstance(), rpc.lookup(LookupRequest.getDefaultInstance()));
            assertEquals(3, server.requests.size());
            assertEquals(2, pauses.size());
            // Half to all of 50 ms, then of 100 ms.
            assertTrue(pauses.get(0) >= 25 && pauses.get(0) <= 50, pauses.toString());
            assertTrue(pauses.get(1) >= 50 && pauses.get(1) <= 100, pauses.toString());
        }
    }

    @Test
    void abortedIsRetriedOutsideATransactionOnly() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failed(409, 10, "contention"),
                ok(LookupResponse.getDefaultInstance()));
                DatastoreRpc rpc = rpc(server.uri(""), "")) {
            rpc.lookup(LookupRequest.getDefaultInstance());
            assertEquals(2, server.requests.size());
        }
        try (ScriptedServer server = new ScriptedServer(failed(409, 10, "contention"));
                DatastoreRpc rpc = rpc(server.uri(""), "")) {
            LookupRequest inTransaction = LookupRequest.newBuilder().setReadOptions(ReadOptions.newBuilder()
                    .setTransaction(ByteString.copyFromUtf8("t"))).build();
            assertEquals(10, assertThrows(DatastoreRpcException.class, () -> rpc.lookup(inTransaction)).code());
            assertEquals(10, assertThrows(DatastoreRpcException.class, () -> rpc.commit(CommitRequest.newBuilder()
                    .setMode(CommitRequest.Mode.TRANSACTIONAL).build())).code());
            assertEquals(2, server.requests.size(), "one attempt each: Transactions retries the transaction");
        }
    }

    @Test
    void retriesStopOnceTheBudgetIsSpent() throws Exception {
        try (ScriptedServer server = new ScriptedServer(failed(503, 14, "down"));
                DatastoreRpc rpc = rpc(server.uri(""), "")) {
            DatastoreRpcException e = assertThrows(DatastoreRpcException.class,
                    () -> rpc.lookup(LookupRequest.getDefaultInstance()));
            assertEquals(14, e.code());
            long paused = pauses.stream().mapToLong(Long::longValue).sum();
            assertTrue(paused >= DatastoreRpc.RETRY_BUDGET.toMillis(), "attempts until the budget: " + pauses);
            assertTrue(paused - pauses.get(pauses.size() - 1) < DatastoreRpc.RETRY_BUDGET.toMillis(),
                    "no attempt after the budget: " + pauses);
            assertEquals(pauses.size() + 1, server.requests.size());
        }
    }

    @Test
    void anAnswerWithoutDatastoresStatusIsReadByItsHttpStatus() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(403, "<html>forbidden</html>"));
                DatastoreRpc rpc = rpc(server.uri(""), "")) {
            DatastoreRpcException e = assertThrows(DatastoreRpcException.class,
                    () -> rpc.lookup(LookupRequest.getDefaultInstance()));
            assertEquals("PERMISSION_DENIED", e.reason());
            assertEquals("Datastore answered HTTP 403", e.getMessage());
        }
        assertEquals(14, DatastoreRpcException.codeOfHttpStatus(502));
        assertEquals(13, DatastoreRpcException.codeOfHttpStatus(500));
        assertEquals(2, DatastoreRpcException.codeOfHttpStatus(418));
    }

    @Test
    void noAnswerIsUnavailableAndRetried() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (DatastoreRpc rpc = rpc(URI.create("http://127.0.0.1:" + closed), "")) {
            DatastoreRpcException e = assertThrows(DatastoreRpcException.class,
                    () -> rpc.lookup(LookupRequest.getDefaultInstance()));
            assertEquals(14, e.code());
            assertInstanceOf(IOException.class, e.getCause());
            assertTrue(pauses.size() > 1, "retried: " + pauses);
        }
    }

    @Test
    void anAnswerThatIsNotTheResponseIsInternal() throws Exception {
        try (ScriptedServer server = new ScriptedServer(Reply.of(200, PROTOBUF, new byte[] {(byte) 0xff, 1}));
                DatastoreRpc rpc = rpc(server.uri(""), "")) {
            assertEquals(13, assertThrows(DatastoreRpcException.class,
                    () -> rpc.lookup(LookupRequest.getDefaultInstance())).code());
        }
    }
}
