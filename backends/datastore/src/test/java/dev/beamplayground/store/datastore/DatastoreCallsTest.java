package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.MessageLite;
import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.ScriptedServer.Reply;
import dev.beamplayground.googlerest.ScriptedServer;
import dev.beamplayground.store.datastore.wire.CommitRequest;
import dev.beamplayground.store.datastore.wire.CommitResponse;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.EntityResult;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.LookupRequest;
import dev.beamplayground.store.datastore.wire.LookupResponse;
import dev.beamplayground.store.datastore.wire.Mutation;
import dev.beamplayground.store.datastore.wire.QueryResultBatch;
import dev.beamplayground.store.datastore.wire.RunQueryRequest;
import dev.beamplayground.store.datastore.wire.RunQueryResponse;
import dev.beamplayground.versioning.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What {@link DatastoreCalls} does for the backend that Google's client library did, against scripted answers that
 * the emulator never gives: deferred lookups, lookups over 1,000 keys, queries answered in several pages, writes
 * to one key folded into one mutation.
 */
class DatastoreCallsTest {
    private final EntityObjects objects = new EntityObjects("proj", "ns", "", Codecs.current());

    private static Reply ok(MessageLite message) {
        return Reply.of(200, "application/x-protobuf", message.toByteArray());
    }

    private Key key(String name) {
        return objects.key("k", name);
    }

    private Entity entity(String name) {
        return EntityProperties.put(Entity.newBuilder().setKey(key(name)), "p", Values.text(name)).build();
    }

    private static EntityResult result(Entity e) {
        return EntityResult.newBuilder().setEntity(e).build();
    }

    private static DatastoreCalls calls(ScriptedServer server) {
        return new DatastoreCalls(new DatastoreRpc(server.uri(""), "proj", "", Authorization.NONE), "ns");
    }

    @Test
    void deferredKeysAreAskedAgainAndTheAnswerIsInTheKeysOrder() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                ok(LookupResponse.newBuilder().addFound(result(entity("b"))).addDeferred(key("a"))
                        .addMissing(result(Entity.newBuilder().setKey(key("c")).build())).build()),
                ok(LookupResponse.newBuilder().addFound(result(entity("a"))).build()))) {
            List<Entity> found = calls(server).fetch(List.of(key("a"), key("b"), key("c"), key("a")));
            assertEquals(List.of(entity("a"), entity("b")), found.subList(0, 2));
            assertNull(found.get(2));
            assertEquals(entity("a"), found.get(3), "a key asked twice is answered twice, looked up once");
            assertEquals(List.of(key("a"), key("b"), key("c")),
                    LookupRequest.parseFrom(server.requests.get(0).body()).getKeysList());
            assertEquals(List.of(key("a")), LookupRequest.parseFrom(server.requests.get(1).body()).getKeysList());
        }
    }

    @Test
    void moreThanAThousandKeysAreLookedUpInCallsOfAThousand() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ok(LookupResponse.getDefaultInstance()))) {
            List<Key> keys = IntStream.range(0, 2001).mapToObj(i -> key("n" + i)).toList();
            List<Entity> found = calls(server).fetch(keys);
            assertEquals(2001, found.size());
            List<Integer> sizes = new ArrayList<>();
            for (ScriptedServer.Request r : server.requests) {
                sizes.add(LookupRequest.parseFrom(r.body()).getKeysCount());
            }
            assertEquals(List.of(1000, 1000, 1), sizes);
        }
    }

    @Test
    void aLookupThatDefersEveryKeyWithoutAnswerFails() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ok(LookupResponse.newBuilder().addDeferred(key("a")).build()))) {
            assertEquals(13, assertThrows(DatastoreRpcException.class,
                    () -> calls(server).fetch(List.of(key("a")))).code());
        }
    }

    @Test
    void aQueryIsReadPageAfterPageFromEachPagesEndWithTheRestOfItsLimit() throws Exception {
        ByteString end = ByteString.copyFromUtf8("cursor-1");
        try (ScriptedServer server = new ScriptedServer(
                ok(RunQueryResponse.newBuilder().setBatch(QueryResultBatch.newBuilder()
                        .addEntityResults(result(entity("a"))).addEntityResults(result(entity("b")))
                        .setEndCursor(end).setMoreResults(QueryResultBatch.MoreResultsType.NOT_FINISHED)).build()),
                ok(RunQueryResponse.newBuilder().setBatch(QueryResultBatch.newBuilder()
                        .addEntityResults(result(entity("c")))
                        .setMoreResults(QueryResultBatch.MoreResultsType.MORE_RESULTS_AFTER_LIMIT)).build()))) {
            List<Entity> all = calls(server).run(Queries.of("k").setLimit(Queries.limit(3)).build());
            assertEquals(List.of(entity("a"), entity("b"), entity("c")), all);
            RunQueryRequest first = RunQueryRequest.parseFrom(server.requests.get(0).body());
            RunQueryRequest second = RunQueryRequest.parseFrom(server.requests.get(1).body());
            assertEquals("ns", first.getPartitionId().getNamespaceId());
            assertEquals(3, first.getQuery().getLimit().getValue());
            assertEquals(end, second.getQuery().getStartCursor());
            assertEquals(1, second.getQuery().getLimit().getValue());
        }
    }

    @Test
    void writesToOneKeyAreFoldedIntoTheLastOfThem() throws Exception {
        try (ScriptedServer server = new ScriptedServer(ok(CommitResponse.getDefaultInstance()))) {
            DatastoreCalls.Writes writes = new DatastoreCalls.Writes();
            writes.put(entity("a"));
            writes.put(entity("b"));
            writes.delete(key("a"));
            calls(server).commit(writes);
            CommitRequest sent = CommitRequest.parseFrom(server.requests.get(0).body());
            assertEquals(CommitRequest.Mode.NON_TRANSACTIONAL, sent.getMode());
            assertEquals(List.of(Mutation.newBuilder().setDelete(key("a")).build(),
                    Mutation.newBuilder().setUpsert(entity("b")).build()), sent.getMutationsList());
        }
    }
}
