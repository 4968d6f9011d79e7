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

    /** Appends one transaction through the log's script, retrying on a concurrent append. */
    static void appendRaw(RedisServer redis, String stream, List<Event> events) {
        EventSettings settings = settings(redis, stream);
        try (EventLog log = new EventLog(settings)) {
            while (true) {
                String reply = redis.command("GET", settings.seqKey());
                long seq = reply.startsWith("$-1") ? 0 : Long.parseLong(reply);
                if (log.append(seq, events).isPresent()) {
                    return;
                }
            }
        }
    }

    /** Every event of the stream, in order. */
    static List<Event> readAll(RedisServer redis, String stream) {
        List<Event> events = new ArrayList<>();
        try (EventLog log = new EventLog(settings(redis, stream))) {
            String after = EventState.START;
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
