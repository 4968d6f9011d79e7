package dev.beamplayground.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.Timestamp;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreException;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.StructuredQuery.CompositeFilter;
import com.google.cloud.datastore.StructuredQuery.PropertyFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator started with the repository's index.yaml and {@code --require_indexes} (together with
 * {@code --firestore_in_datastore_mode}) refuses a query whose composite index is missing and answers
 * one whose index is declared: the switch that makes the require-indexes run of the store tests mean
 * something.
 */
class RequireIndexesIT {
    static final String NAMESPACE = "RequireIndexesIT";
    static DatastoreEmulator emulator;
    static Datastore datastore;

    @BeforeAll
    static void start() {
        String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
        emulator = DatastoreEmulator.start(Path.of(basedir).resolve("../index.yaml").normalize());
        datastore = emulator.client(NAMESPACE);
        Timestamp old = Timestamp.ofTimeSecondsAndNanos(1_000_000, 0);
        Timestamp recent = Timestamp.now();
        datastore.put(snippet("a", "PG_USER", old), snippet("b", "PG_USER", recent), snippet("c", "PG_EXAMPLES", old));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Entity snippet(String id, String origin, Timestamp visited) {
        Key key = datastore.newKeyFactory().setKind("pg_snippets").setNamespace(NAMESPACE).newKey(id);
        return Entity.newBuilder(key).set("origin", origin).set("lVisited", visited).set("created", visited).build();
    }

    private static List<String> ids(CompositeFilter filter) {
        Query<Key> query = Query.newKeyQueryBuilder().setNamespace(NAMESPACE).setKind("pg_snippets")
                .setFilter(filter).build();
        List<String> ids = new ArrayList<>();
        datastore.run(query).forEachRemaining(k -> ids.add(k.getName()));
        return ids;
    }

    @Test
    void aQueryWithItsCompositeIndexDeclaredIsAnswered() {
        Timestamp cutoff = Timestamp.ofTimeSecondsAndNanos(2_000_000, 0);
        assertEquals(List.of("a"), ids(CompositeFilter.and(
                PropertyFilter.eq("origin", "PG_USER"), PropertyFilter.lt("lVisited", cutoff))));
    }

    @Test
    void aQueryWithoutItsCompositeIndexIsRefused() {
        Timestamp cutoff = Timestamp.ofTimeSecondsAndNanos(2_000_000, 0);
        DatastoreException e = assertThrows(DatastoreException.class, () -> ids(CompositeFilter.and(
                PropertyFilter.eq("origin", "PG_USER"), PropertyFilter.lt("created", cutoff))));
        assertEquals("FAILED_PRECONDITION", e.getReason(), e.getMessage());
        assertTrue(e.getMessage().contains("index"), e.getMessage());
    }
}
