package dev.beamplayground.store.datastore;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.RestEndpoint;
import dev.beamplayground.store.datastore.wire.BeginTransactionRequest;
import dev.beamplayground.store.datastore.wire.BeginTransactionResponse;
import dev.beamplayground.store.datastore.wire.CommitRequest;
import dev.beamplayground.store.datastore.wire.CommitResponse;
import dev.beamplayground.store.datastore.wire.LookupRequest;
import dev.beamplayground.store.datastore.wire.LookupResponse;
import dev.beamplayground.store.datastore.wire.RollbackRequest;
import dev.beamplayground.store.datastore.wire.RollbackResponse;
import dev.beamplayground.store.datastore.wire.RunQueryRequest;
import dev.beamplayground.store.datastore.wire.RunQueryResponse;
import dev.beamplayground.store.datastore.wire.Status;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Datastore's v1 API as Google's own HTTP client calls it: each method's request message posted as protobuf to
 * {@code /v1/projects/<project>:<method>}, the answer the response message, or a {@code google.rpc.Status} with the
 * failure's code. This replaces the Google Cloud client library (about 530 classes more to load at an instance's
 * first store call: its service options, Guava, gax, its HTTP transport and tracing) by the JDK's HTTP connection.
 *
 * <p>Calls that fail passingly (no answer, UNAVAILABLE, DEADLINE_EXCEEDED, and ABORTED outside a transaction) are
 * tried again, with a growing jittered pause, until {@link #RETRY_BUDGET} has passed since the first attempt, as
 * the library's retry settings did; a transaction's contention is for {@link Transactions} to retry as a whole.
 */
final class DatastoreRpc implements AutoCloseable {
    /** No new attempt after this; a function answers 503 rather than keep a request waiting. */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(8);
    /** One attempt's bound: what Google's client gave a call to answer. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The largest answer read: a lookup answers at most 1,000 entities and defers the rest when its answer grows
     * large, a commit request is limited to 10 MiB.
     */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
    private static final String PROTOBUF = "application/x-protobuf";
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long MAX_PAUSE_MILLIS = 1000;

    /** Waits between attempts; a fake in tests. */
    @FunctionalInterface
    interface Pause {
        void sleep(long millis) throws InterruptedException;
    }

    private final RestEndpoint endpoint;
    private final String projectId;
    private final String databaseId;
    private final Map<String, String> headers;
    private final LongSupplier nanoClock;
    private final Pause pause;

    /**
     * @param root       {@code https://datastore.googleapis.com}, or {@code http://host:port} of an emulator
     * @param databaseId "" for the project's default database
     */
    DatastoreRpc(URI root, String projectId, String databaseId, Authorization authorization) {
        this(root, projectId, databaseId, authorization, System::nanoTime, Thread::sleep);
    }

    DatastoreRpc(URI root, String projectId, String databaseId, Authorization authorization, LongSupplier nanoClock,
                 Pause pause) {
        this.endpoint = new RestEndpoint(URI.create(root + "/v1/projects/" + projectId), authorization, "Datastore");
        this.projectId = projectId;
        this.databaseId = databaseId;
        // Routing of the call to the project's (and database's) Datastore; the answer format of Google's client.
        this.headers = Map.of("X-Goog-Api-Format-Version", "2", "x-goog-request-params",
                "project_id=" + projectId + (databaseId.isEmpty() ? "" : "&database_id=" + databaseId));
        this.nanoClock = nanoClock;
        this.pause = pause;
    }

    String projectId() {
        return projectId;
    }

    String databaseId() {
        return databaseId;
    }

    LookupResponse lookup(LookupRequest request) {
        LookupRequest r = request.toBuilder().setProjectId(projectId).setDatabaseId(databaseId).build();
        return call("lookup", r, LookupResponse.parser(), !r.getReadOptions().hasTransaction());
    }

    RunQueryResponse runQuery(RunQueryRequest request) {
        RunQueryRequest r = request.toBuilder().setProjectId(projectId).setDatabaseId(databaseId).build();
        return call("runQuery", r, RunQueryResponse.parser(), !r.getReadOptions().hasTransaction());
    }

    BeginTransactionResponse beginTransaction(BeginTransactionRequest request) {
        return call("beginTransaction", request.toBuilder().setProjectId(projectId).setDatabaseId(databaseId).build(),
                BeginTransactionResponse.parser(), true);
    }

    CommitResponse commit(CommitRequest request) {
        CommitRequest r = request.toBuilder().setProjectId(projectId).setDatabaseId(databaseId).build();
        return call("commit", r, CommitResponse.parser(), r.getMode() == CommitRequest.Mode.NON_TRANSACTIONAL);
    }

    RollbackResponse rollback(RollbackRequest request) {
        return call("rollback", request.toBuilder().setProjectId(projectId).setDatabaseId(databaseId).build(),
                RollbackResponse.parser(), false);
    }

    /** Ends the deadline watchdog's thread; later calls fail. */
    @Override
    public void close() {
        endpoint.close();
    }

    private <T> T call(String method, MessageLite request, Parser<T> parser, boolean abortedPasses) {
        byte[] body = request.toByteArray();
        RestEndpoint.Request post = new RestEndpoint.Request(":" + method, PROTOBUF, body, headers, MAX_ANSWER_BYTES);
        long start = nanoClock.getAsLong();
        for (int attempt = 1; ; attempt++) {
            long attemptStart = nanoClock.getAsLong();
            DatastoreRpcException failure;
            try {
                RestEndpoint.Reply reply = endpoint.send(post,
                        () -> ATTEMPT_TIMEOUT.toMillis() - (nanoClock.getAsLong() - attemptStart) / 1_000_000);
                if (reply.status() == 200) {
                    return parser.parseFrom(reply.body());
                }
                failure = failureOf(reply);
            } catch (InvalidProtocolBufferException e) {
                throw new DatastoreRpcException(DatastoreRpcException.INTERNAL,
                        "Datastore's answer to " + method + " is not its response message");
            } catch (IOException e) {
                failure = new DatastoreRpcException(e);
            }
            if (!passing(failure.code(), abortedPasses)
                    || nanoClock.getAsLong() - start >= RETRY_BUDGET.toNanos()) {
                throw failure;
            }
            waitAfter(attempt, failure);
        }
    }

    static boolean passing(int code, boolean abortedPasses) {
        return code == DatastoreRpcException.UNAVAILABLE || code == DatastoreRpcException.DEADLINE_EXCEEDED
                || (abortedPasses && code == DatastoreRpcException.ABORTED);
    }

    /** Datastore's status when the answer carries one (protobuf), else the HTTP status's code. */
    static DatastoreRpcException failureOf(RestEndpoint.Reply reply) {
        String type = reply.contentType() == null ? "" : reply.contentType();
        if (type.startsWith(PROTOBUF)) {
            try {
                Status status = Status.parseFrom(reply.body());
                if (status.getCode() != 0) {
                    return new DatastoreRpcException(status.getCode(), status.getMessage());
                }
            } catch (InvalidProtocolBufferException e) {
                // Not a status after all: the HTTP status tells what is known.
            }
        }
        return new DatastoreRpcException(DatastoreRpcException.codeOfHttpStatus(reply.status()),
                "Datastore answered HTTP " + reply.status());
    }

    /** Half to all of a ceiling that doubles from 50 ms after the first attempt to 1 s. */
    private void waitAfter(int attempt, DatastoreRpcException failure) {
        long ceiling = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 10));
        try {
            pause.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
