package dev.beamplayground.store.datastore;

import dev.beamplayground.store.VisitLedger;
import dev.beamplayground.store.datastore.wire.Entity;
import dev.beamplayground.store.datastore.wire.Key;
import dev.beamplayground.store.datastore.wire.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link VisitLedger} on Datastore: the buffered visits of a chunk and its mark ({@code pg_visit_marks},
 * not in Beam's schema) in one transaction, so a flush retried after a crash finds the mark and adds nothing.
 * The snippet entities change in {@code visitCount} and {@code lVisited} only; every other property, known
 * to this code or not, is written back as read.
 */
final class DatastoreVisits {
    static final String MARK_KIND = "pg_visit_marks";
    static final String AT = "at";

    private final DatastoreCalls datastore;
    private final Transactions transactions;
    private final EntityObjects objects;
    private final SnippetMapper mapper;

    DatastoreVisits(DatastoreClient.Connection c) {
        this.datastore = c.datastore();
        this.transactions = c.transactions();
        this.objects = c.objects();
        this.mapper = c.mapper();
    }

    /** Snippets whose id is no Datastore key name cannot exist: their visits are dropped. */
    boolean addVisits(String mark, Map<String, VisitLedger.Visits> visits, Instant now) {
        Map<String, VisitLedger.Visits> storable = new HashMap<>();
        visits.forEach((id, v) -> {
            if (DatastoreLimits.isKeyName(id)) {
                storable.put(id, v);
            }
        });
        Key markKey = objects.key(MARK_KIND, mark);
        List<String> ids = List.copyOf(storable.keySet());
        List<Key> keys = ids.stream().map(mapper::snippetKey).toList();
        return transactions.run(tx -> {
            if (tx.get(markKey) != null) {
                return false;
            }
            List<Entity> stored = tx.fetch(keys);
            for (int i = 0; i < ids.size(); i++) {
                Entity snippet = stored.get(i);
                if (snippet != null) {
                    tx.put(mapper.visited(snippet, storable.get(ids.get(i))));
                }
            }
            tx.put(EntityProperties.put(Entity.newBuilder().setKey(markKey), AT, Values.time(now)).build());
            return true;
        });
    }

    int forgetVisitMarks(Instant before) {
        Query query = Queries.keysOf(MARK_KIND).setFilter(Queries.lt(AT, Values.time(before))).build();
        List<Key> old = new ArrayList<>();
        datastore.run(query).forEach(e -> old.add(e.getKey()));
        for (int from = 0; from < old.size(); from += Transactions.MAX_MUTATIONS) {
            datastore.delete(old.subList(from, Math.min(old.size(), from + Transactions.MAX_MUTATIONS))
                    .toArray(Key[]::new));
        }
        return old.size();
    }
}
