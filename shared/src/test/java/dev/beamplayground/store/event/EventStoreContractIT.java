package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreContract;
import dev.beamplayground.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract against a real redis-server that fsyncs every write to its append-only file; each
 * test has its own stream. A restart is a crash of the server (killed, not shut down) and a start from
 * its append-only file, then a new store that rebuilds its state from the log.
 */
class EventStoreContractIT extends StoreContract {
    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static RedisServer redis;

    private String stream;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(EventTestSupport.DURABLE);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Override
    protected PlaygroundStore newStore() {
        stream = "contract" + STREAMS.incrementAndGet();
        return open();
    }

    private PlaygroundStore open() {
        return EventTestSupport.open(redis, stream);
    }

    @Override
    protected PlaygroundStore openAnother() {
        return open();
    }

    @Override
    protected PlaygroundStore reopen() {
        redis.stop();
        redis.restart();
        return open();
    }

    /** Events appended past the store, without the persistence-key rule. */
    @Override
    protected void insertLegacy(Snippet snippet) {
        EventTestSupport.appendRaw(redis, stream, events(snippet, SnippetBags.snippet(snippet)));
    }

    @Override
    protected void insertWithUnknownProperty(Snippet snippet, String property, String value) {
        Map<String, Object> bag = SnippetBags.snippet(snippet);
        bag.put(property, value);
        EventTestSupport.appendRaw(redis, stream, events(snippet, bag));
    }

    /** The property in the latest event of the snippet, read from the log itself. */
    @Override
    protected Optional<String> storedProperty(String snippetId, String property) {
        Map<String, Object> latest = null;
        for (Event e : EventTestSupport.readAll(redis, stream)) {
            if (e.kind().equals(Snippet.KIND) && e.id().equals(snippetId)) {
                latest = e.properties();
            }
        }
        return latest == null ? Optional.empty() : Optional.ofNullable((String) latest.get(property));
    }

    private static List<Event> events(Snippet snippet, Map<String, Object> bag) {
        List<Event> events = new ArrayList<>();
        events.add(Event.put(Snippet.KIND, snippet.id(), bag));
        for (int n = 0; n < snippet.files().size(); n++) {
            events.add(Event.put(Snippet.FILE_KIND, snippet.fileKeys().get(n), SnippetBags.file(snippet.files().get(n))));
        }
        return events;
    }
}
