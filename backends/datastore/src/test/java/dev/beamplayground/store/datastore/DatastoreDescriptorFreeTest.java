package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.datastore.wire.CommitRequest;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.EntityResult;
import dev.beamplayground.store.datastore.wire.LookupResponse;
import dev.beamplayground.store.datastore.wire.Mutation;
import dev.beamplayground.testing.IsolatedClassLoader;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A snippet written as the backend commits it and read back from a lookup's answer, with a visit counted, builds
 * no protobuf descriptor: Google's generated Datastore classes built entity.proto's (and descriptor.proto's classes)
 * at an instance's first entity. Run in a class loader of its own, so that what other tests of this JVM loaded
 * does not count.
 */
class DatastoreDescriptorFreeTest {
    @Test
    void entitiesAreWrittenAndReadWithoutADescriptor() throws Exception {
        try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
            assertEquals("s1 A.java 1", loader.instance(RoundTrip.class, Supplier.class).get());
            assertTrue(loader.loaded(EntityProperties.class.getName()), "the round trip did not run there");
            assertFalse(loader.loaded("com.google.protobuf.DescriptorProtos$FileDescriptorProto"),
                    "a file descriptor was read");
            assertFalse(loader.loaded("com.google.protobuf.Descriptors$FileDescriptor"), "a descriptor was built");
        }
    }

    /** The round trip, made inside the isolated loader. */
    public static final class RoundTrip implements Supplier<String> {
        @Override
        public String get() {
            Instant t = Instant.parse("2026-03-01T00:00:00Z");
            Snippet snippet = new Snippet("s1", Sdk.SDK_JAVA, "", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "",
                    t, t, 0, SchemaVersion.CURRENT, List.of(new SnippetFile("A.java", "class A {}", true, 0)),
                    List.of());
            SnippetMapper mapper = new SnippetMapper("p", "");
            Entity entity = mapper.toEntity(snippet);
            List<Entity> files = mapper.toFileEntities(snippet);
            CommitRequest commit = CommitRequest.newBuilder()
                    .addMutations(Mutation.newBuilder().setUpsert(entity))
                    .addMutations(Mutation.newBuilder().setUpsert(files.get(0))).build();
            try {
                CommitRequest sent = CommitRequest.parseFrom(commit.toByteArray());
                Entity visited = mapper.visited(sent.getMutations(0).getUpsert(), t);
                LookupResponse answer = LookupResponse.parseFrom(LookupResponse.newBuilder()
                        .addFound(EntityResult.newBuilder().setEntity(visited))
                        .addFound(EntityResult.newBuilder().setEntity(sent.getMutations(1).getUpsert()))
                        .build().toByteArray());
                Entity read = answer.getFound(0).getEntity();
                Snippet back = mapper.fromEntities(read, List.of(answer.getFound(1).getEntity()));
                return back.id() + " " + back.files().get(0).name() + " " + back.visitCount();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
