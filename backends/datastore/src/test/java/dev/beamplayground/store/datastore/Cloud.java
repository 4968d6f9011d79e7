package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;

/**
 * What the backend builds, as Google's client library holds it: the tests read and write through that client. The
 * backend's messages (datastore_wire.proto) reach it as bytes, parsed by Google's own google.datastore.v1 classes,
 * so every use is also a check that both speak the same wire form.
 */
final class Cloud {
    private Cloud() {
    }

    static Entity entity(dev.beamplayground.store.datastore.wire.Entity e) {
        return Entity.fromPb(google(e));
    }

    static Entity[] entities(List<dev.beamplayground.store.datastore.wire.Entity> list) {
        return list.stream().map(Cloud::entity).toArray(Entity[]::new);
    }

    static Key key(dev.beamplayground.store.datastore.wire.Key k) {
        return entity(dev.beamplayground.store.datastore.wire.Entity.newBuilder().setKey(k).build()).getKey();
    }

    private static com.google.datastore.v1.Entity google(dev.beamplayground.store.datastore.wire.Entity e) {
        try {
            return com.google.datastore.v1.Entity.parseFrom(e.toByteArray());
        } catch (InvalidProtocolBufferException x) {
            throw new AssertionError("Google's Entity does not read the backend's", x);
        }
    }
}
