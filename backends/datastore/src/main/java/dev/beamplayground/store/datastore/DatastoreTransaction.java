package dev.beamplayground.store.datastore;

import com.google.protobuf.ByteString;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;

/**
 * A read-write transaction: its reads see one snapshot, its writes are kept here and sent with its commit (a later
 * write of a key replaces an earlier one). An interface so that {@link Transactions}' policy is tested with fakes.
 */
interface DatastoreTransaction extends DatastoreReads {
    void put(Entity... entities);

    void delete(Key... keys);

    void commit();

    void rollback();

    /** Neither committed nor rolled back. */
    boolean isActive();

    ByteString id();

    /** Begins transactions. */
    @FunctionalInterface
    interface Source {
        /** @param previous the aborted transaction this one retries (lock priority), or null */
        DatastoreTransaction begin(ByteString previous);
    }
}
