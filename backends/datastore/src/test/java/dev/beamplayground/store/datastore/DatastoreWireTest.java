package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.LookupResponse;
import dev.beamplayground.store.datastore.wire.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * datastore_wire.proto against Google's own google.datastore.v1 classes: the same bytes either way, so what the
 * backend posts is what Datastore reads and what Datastore answers is what the backend reads.
 */
class DatastoreWireTest {
    /** An entity with a value of every type, as Google's classes build it. */
    private static com.google.datastore.v1.Entity googleEntity() {
        com.google.datastore.v1.Key key = com.google.datastore.v1.Key.newBuilder()
                .setPartitionId(com.google.datastore.v1.PartitionId.newBuilder().setProjectId("p")
                        .setDatabaseId("d").setNamespaceId("n"))
                .addPath(com.google.datastore.v1.Key.PathElement.newBuilder().setKind("pg_snippets").setName("a"))
                .addPath(com.google.datastore.v1.Key.PathElement.newBuilder().setKind("pg_files").setId(7))
                .build();
        com.google.datastore.v1.Entity nested = com.google.datastore.v1.Entity.newBuilder()
                .putProperties("inner", com.google.datastore.v1.Value.newBuilder().setStringValue("x").build())
                .build();
        return com.google.datastore.v1.Entity.newBuilder().setKey(key)
                .putProperties("null", com.google.datastore.v1.Value.newBuilder()
                        .setNullValue(com.google.protobuf.NullValue.NULL_VALUE).build())
                .putProperties("bool", com.google.datastore.v1.Value.newBuilder().setBooleanValue(true).build())
                .putProperties("int", com.google.datastore.v1.Value.newBuilder().setIntegerValue(-5)
                        .setExcludeFromIndexes(true).build())
                .putProperties("real", com.google.datastore.v1.Value.newBuilder().setDoubleValue(2.5).build())
                .putProperties("time", com.google.datastore.v1.Value.newBuilder().setTimestampValue(
                        com.google.protobuf.Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5)).build())
                .putProperties("key", com.google.datastore.v1.Value.newBuilder().setKeyValue(key).build())
                .putProperties("text", com.google.datastore.v1.Value.newBuilder().setStringValue("ü €")
                        .setMeaning(15).build())
                .putProperties("blob", com.google.datastore.v1.Value.newBuilder()
                        .setBlobValue(ByteString.copyFrom(new byte[] {0, -1, 2})).build())
                .putProperties("geo", com.google.datastore.v1.Value.newBuilder().setGeoPointValue(
                        com.google.type.LatLng.newBuilder().setLatitude(1.5).setLongitude(-2.5)).build())
                .putProperties("entity", com.google.datastore.v1.Value.newBuilder().setEntityValue(nested).build())
                .putProperties("array", com.google.datastore.v1.Value.newBuilder().setArrayValue(
                        com.google.datastore.v1.ArrayValue.newBuilder()
                                .addValues(com.google.datastore.v1.Value.newBuilder().setIntegerValue(1))
                                .addValues(com.google.datastore.v1.Value.newBuilder().setStringValue("two")))
                        .build())
                .build();
    }

    @Test
    void everyValueTypeReadsAndWritesAsGooglesClassesDo() throws InvalidProtocolBufferException {
        com.google.datastore.v1.Entity google = googleEntity();
        Entity ours = Entity.parseFrom(google.toByteArray());
        assertEquals(google.getPropertiesCount(), ours.getPropertiesCount());
        assertEquals(Value.ValueTypeCase.GEO_POINT_VALUE,
                EntityProperties.get(ours, "geo").getValueTypeCase());
        assertEquals("ü €", EntityProperties.get(ours, "text").getStringValue());
        assertEquals(15, EntityProperties.get(ours, "text").getMeaning());
        assertEquals(5, EntityProperties.get(ours, "time").getTimestampValue().getNanos());
        assertEquals(7, ours.getKey().getPath(1).getId());
        assertEquals("x", EntityProperties.get(EntityProperties.get(ours, "entity").getEntityValue(), "inner")
                .getStringValue());
        assertEquals(google, com.google.datastore.v1.Entity.parseFrom(ours.toByteArray()));
        assertEquals(0, ours.getUnknownFields().asMap().size(), "a field the backend does not declare");
    }

    @Test
    void anAnswerReadsAsGooglesClassesReadIt() throws InvalidProtocolBufferException {
        com.google.datastore.v1.LookupResponse google = com.google.datastore.v1.LookupResponse.newBuilder()
                .addFound(com.google.datastore.v1.EntityResult.newBuilder().setEntity(googleEntity()).setVersion(3)
                        .setUpdateTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(9)))
                .addMissing(com.google.datastore.v1.EntityResult.newBuilder().setEntity(
                        com.google.datastore.v1.Entity.newBuilder().setKey(googleEntity().getKey())).setVersion(4))
                .addDeferred(googleEntity().getKey())
                .setTransaction(ByteString.copyFromUtf8("tx"))
                .build();
        LookupResponse ours = LookupResponse.parseFrom(google.toByteArray());
        assertEquals(3, ours.getFound(0).getVersion());
        assertEquals(9, ours.getFound(0).getUpdateTime().getSeconds());
        assertEquals(4, ours.getMissing(0).getVersion());
        assertEquals("pg_files", ours.getDeferred(0).getPath(1).getKind());
        assertEquals(google, com.google.datastore.v1.LookupResponse.parseFrom(ours.toByteArray()));
    }

    @Test
    void aNameIsHeldOnceAndTheLaterOfTwoEntriesWinsAsInAMap() {
        Entity.Builder b = Entity.newBuilder();
        EntityProperties.put(b, "a", Values.text("1"));
        EntityProperties.put(b, "b", Values.text("2"));
        EntityProperties.put(b, "a", Values.text("3"));
        assertEquals(2, b.getPropertiesCount());
        assertEquals("3", EntityProperties.get(b, "a").getStringValue());
        assertEquals(List.of("b", "a"), List.copyOf(EntityProperties.of(b).keySet()));
        assertNull(EntityProperties.get(b, "c"));

        Entity twice = b.addProperties(Entity.Property.newBuilder().setName("b").setValue(Values.text("4"))).build();
        assertEquals("4", EntityProperties.get(twice, "b").getStringValue());
        assertEquals("4", EntityProperties.of(twice).get("b").getStringValue());
        com.google.datastore.v1.Entity google;
        try {
            google = com.google.datastore.v1.Entity.parseFrom(twice.toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        assertEquals("4", google.getPropertiesOrThrow("b").getStringValue(), "protobuf's own map reading");
    }
}
