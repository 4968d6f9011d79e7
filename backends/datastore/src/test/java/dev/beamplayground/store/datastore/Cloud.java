package dev.beamplayground.store.datastore;

import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import java.util.List;

/** What the backend builds, as Google's client library holds it: the tests read and write through that client. */
final class Cloud {
    private Cloud() {
    }

    static Entity entity(com.google.datastore.v1.Entity e) {
        return Entity.fromPb(e);
    }

    static Entity[] entities(List<com.google.datastore.v1.Entity> list) {
        return list.stream().map(Cloud::entity).toArray(Entity[]::new);
    }

    static Key key(com.google.datastore.v1.Key k) {
        return Entity.fromPb(com.google.datastore.v1.Entity.newBuilder().setKey(k).build()).getKey();
    }
}
