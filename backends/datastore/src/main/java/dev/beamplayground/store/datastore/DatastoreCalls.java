package dev.beamplayground.store.datastore;

import com.google.protobuf.ByteString;
import dev.beamplayground.store.datastore.wire.BeginTransactionRequest;
import dev.beamplayground.store.datastore.wire.CommitRequest;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.EntityResult;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.LookupRequest;
import dev.beamplayground.store.datastore.wire.LookupResponse;
import dev.beamplayground.store.datastore.wire.Mutation;
import dev.beamplayground.store.datastore.wire.PartitionId;
import dev.beamplayground.store.datastore.wire.Query;
import dev.beamplayground.store.datastore.wire.QueryResultBatch;
import dev.beamplayground.store.datastore.wire.ReadOptions;
import dev.beamplayground.store.datastore.wire.RollbackRequest;
import dev.beamplayground.store.datastore.wire.RunQueryRequest;
import dev.beamplayground.store.datastore.wire.TransactionOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The backend's Datastore calls in its namespace, over {@link DatastoreRpc}: lookups and queries (in a transaction or
 * not), non-transactional writes, and transactions. What Google's client library did for the backend: lookups split
 * at 1,000 keys and deferred keys asked again, queries read page after page, writes to one key folded into one.
 */
final class DatastoreCalls implements DatastoreReads, DatastoreTransaction.Source {
    /** Keys per lookup call. */
    static final int MAX_LOOKUP = 1000;

    private final DatastoreRpc rpc;
    private final PartitionId partition;

    DatastoreCalls(DatastoreRpc rpc, String namespace) {
        this.rpc = rpc;
        this.partition = PartitionId.newBuilder().setProjectId(rpc.projectId()).setDatabaseId(rpc.databaseId())
                .setNamespaceId(namespace).build();
    }

    @Override
    public List<Entity> fetch(List<Key> keys) {
        return lookup(keys, ReadOptions.getDefaultInstance());
    }

    @Override
    public List<Entity> run(Query query) {
        return collect(query, ReadOptions.getDefaultInstance());
    }

    /** Each entity the query matches, page by page, none kept here: for queries that may match many. */
    void forEach(Query query, Consumer<Entity> each) {
        query(query, ReadOptions.getDefaultInstance(), each);
    }

    /** One non-transactional commit (upserts). */
    void put(Entity... entities) {
        Writes writes = new Writes();
        for (Entity e : entities) {
            writes.put(e);
        }
        commit(writes);
    }

    /** One non-transactional commit (deletes). */
    void delete(Key... keys) {
        Writes writes = new Writes();
        for (Key k : keys) {
            writes.delete(k);
        }
        commit(writes);
    }

    /** The writes in one non-transactional commit. */
    void commit(Writes writes) {
        rpc.commit(CommitRequest.newBuilder().setMode(CommitRequest.Mode.NON_TRANSACTIONAL)
                .addAllMutations(writes.mutations()).build());
    }

    @Override
    public DatastoreTransaction begin(ByteString previous) {
        TransactionOptions.ReadWrite.Builder readWrite = TransactionOptions.ReadWrite.newBuilder();
        if (previous != null) {
            readWrite.setPreviousTransaction(previous);
        }
        ByteString id = rpc.beginTransaction(BeginTransactionRequest.newBuilder()
                .setTransactionOptions(TransactionOptions.newBuilder().setReadWrite(readWrite)).build()).getTransaction();
        return new RpcTransaction(id);
    }

    private List<Entity> lookup(List<Key> keys, ReadOptions options) {
        Map<String, Entity> found = new HashMap<>();
        Map<String, Key> distinct = new LinkedHashMap<>();
        keys.forEach(k -> distinct.putIfAbsent(Keys.path(k), k));
        List<Key> all = List.copyOf(distinct.values());
        for (int from = 0; from < all.size(); from += MAX_LOOKUP) {
            List<Key> pending = all.subList(from, Math.min(all.size(), from + MAX_LOOKUP));
            while (!pending.isEmpty()) {
                LookupResponse answer = rpc.lookup(LookupRequest.newBuilder().addAllKeys(pending)
                        .setReadOptions(options).build());
                for (EntityResult r : answer.getFoundList()) {
                    found.put(Keys.path(r.getEntity().getKey()), r.getEntity());
                }
                if (answer.getFoundCount() == 0 && answer.getMissingCount() == 0
                        && answer.getDeferredCount() == pending.size()) {
                    throw new DatastoreRpcException(DatastoreRpcException.INTERNAL, "a lookup deferred every key");
                }
                pending = answer.getDeferredList();
            }
        }
        List<Entity> out = new ArrayList<>(keys.size());
        for (Key k : keys) {
            out.add(found.get(Keys.path(k)));
        }
        return out;
    }

    private List<Entity> collect(Query query, ReadOptions options) {
        List<Entity> out = new ArrayList<>();
        query(query, options, out::add);
        return out;
    }

    private void query(Query query, ReadOptions options, Consumer<Entity> each) {
        Query page = query;
        while (true) {
            QueryResultBatch batch = rpc.runQuery(RunQueryRequest.newBuilder().setPartitionId(partition)
                    .setQuery(page).setReadOptions(options).build()).getBatch();
            for (EntityResult r : batch.getEntityResultsList()) {
                each.accept(r.getEntity());
            }
            if (batch.getMoreResults() != QueryResultBatch.MoreResultsType.NOT_FINISHED) {
                return;
            }
            if (batch.getEntityResultsCount() == 0 && batch.getEndCursor().equals(page.getStartCursor())) {
                throw new DatastoreRpcException(DatastoreRpcException.INTERNAL, "a query page made no progress");
            }
            // The next page from where this one ended: offset spent, the rest of the limit.
            Query.Builder next = page.toBuilder().setStartCursor(batch.getEndCursor())
                    .setOffset(Math.max(0, page.getOffset() - batch.getSkippedResults()));
            if (page.hasLimit()) {
                next.setLimit(Queries.limit(page.getLimit().getValue() - batch.getEntityResultsCount()));
            }
            page = next.build();
        }
    }

    /** Writes of a commit, one per key: a later put or delete of a key replaces an earlier one. */
    static final class Writes {
        private final Map<String, Mutation> byKey = new LinkedHashMap<>();

        void put(Entity e) {
            byKey.put(Keys.path(e.getKey()), Mutation.newBuilder().setUpsert(e).build());
        }

        void delete(Key k) {
            byKey.put(Keys.path(k), Mutation.newBuilder().setDelete(k).build());
        }

        Collection<Mutation> mutations() {
            return byKey.values();
        }
    }

    /** A transaction over the calls: its reads name it, its writes go with its commit. */
    private final class RpcTransaction implements DatastoreTransaction {
        private final ByteString id;
        private final ReadOptions inThis;
        private final Writes writes = new Writes();
        private volatile boolean active = true;

        RpcTransaction(ByteString id) {
            this.id = id;
            this.inThis = ReadOptions.newBuilder().setTransaction(id).build();
        }

        @Override
        public List<Entity> fetch(List<Key> keys) {
            return lookup(keys, inThis);
        }

        @Override
        public List<Entity> run(Query query) {
            return collect(query, inThis);
        }

        @Override
        public void put(Entity... entities) {
            for (Entity e : entities) {
                writes.put(e);
            }
        }

        @Override
        public void delete(Key... keys) {
            for (Key k : keys) {
                writes.delete(k);
            }
        }

        @Override
        public void commit() {
            rpc.commit(CommitRequest.newBuilder().setMode(CommitRequest.Mode.TRANSACTIONAL).setTransaction(id)
                    .addAllMutations(writes.mutations()).build());
            active = false;
        }

        @Override
        public void rollback() {
            active = false;
            rpc.rollback(RollbackRequest.newBuilder().setTransaction(id).build());
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public ByteString id() {
            return id;
        }
    }
}
