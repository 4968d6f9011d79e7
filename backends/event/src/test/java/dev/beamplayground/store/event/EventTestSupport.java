package dev.beamplayground.store.event;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Opens event stores on a test redis-server and writes or reads its log directly. */
final class EventTestSupport {
    static final String PREFIX = "playground,test";

    private EventTestSupport() {
    }

    /** Through the provider and its schema, as {@code backend.module=event} would. */
    static PlaygroundStore open(RedisServer redis, String stream) {
        return Backends.select(config(redis, stream), Map.of()).open();
    }

    static Map<String, String> config(RedisServer redis, String stream) {
        return Map.of("module", "event", "model-prefix", PREFIX, "uri", redis.uri(), "stream", stream);
    }

    static EventSettings settings(RedisServer redis, String stream) {
        Map<String, String> config = new java.util.HashMap<>(config(redis, stream));
        config.remove("module");
        return EventSettings.from(config);
    }

    /**
     * Appends one transaction through the log's script (which keeps the view), past the store's rules,
     * retrying on a concurrent append.
     */
    static void appendRaw(RedisServer redis, String stream, List<Event> events) {
        EventSettings settings = settings(redis, stream);
        try (EventConnection connection = new EventConnection(settings)) {
            View view = new View(connection, settings.keys());
            EventLog log = new EventLog(connection, settings.keys());
            while (true) {
                long seq = view.seq();
                if (log.append(seq, Transaction.of(log, settings.keys(), events, new Reads(view))).isPresent()) {
                    return;
                }
            }
        }
    }

    /** The view and its indexes agree with a replay of the log. */
    static void assertViewMatchesLog(RedisServer redis, String stream) {
        try (EventRecovery recovery = EventRecovery.open(config(redis, stream))) {
            org.junit.jupiter.api.Assertions.assertEquals(List.of(), recovery.check(), "view against replay");
        }
    }

    /** The stream's entries as Redis holds them. */
    static List<io.lettuce.core.StreamMessage<String, String>> rawLog(RedisServer redis, String stream) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
        try (io.lettuce.core.api.StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().xrange(settings(redis, stream).logKey(), io.lettuce.core.Range.create("-", "+"));
        } finally {
            client.shutdown();
        }
    }

    /** Every event of the stream, in order. */
    static List<Event> readAll(RedisServer redis, String stream) {
        List<Event> events = new ArrayList<>();
        EventSettings settings = settings(redis, stream);
        try (EventConnection connection = new EventConnection(settings)) {
            EventLog log = new EventLog(connection, settings.keys());
            String after = LogReplay.START;
            for (List<LogEntry> page = log.read(after, 1000); !page.isEmpty(); page = log.read(after, 1000)) {
                for (LogEntry e : page) {
                    if (e.event() != null) {
                        events.add(e.event());
                    }
                    after = e.streamId();
                }
            }
        }
        return events;
    }
}
