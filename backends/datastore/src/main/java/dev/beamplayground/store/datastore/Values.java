package dev.beamplayground.store.datastore;

import dev.beamplayground.store.datastore.wire.Timestamp;
import dev.beamplayground.store.datastore.wire.Value;
import java.time.Instant;

/** Property values the backend writes itself (texts, times) and Datastore's timestamps as instants. */
final class Values {
    private Values() {
    }

    static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    static Value time(Instant t) {
        return Value.newBuilder().setTimestampValue(timestamp(t)).build();
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
