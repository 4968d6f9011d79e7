package dev.beamplayground.store.event;

import dev.beamplayground.testing.RedisServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up every event-backend test class shares: its own redis-server that fsyncs every write (a server shared
 * between classes let the live-upgrade test race), a fresh stream for each test, and after each test the check that
 * the view it left agrees with a replay of the log. Register it on a static field.
 */
final class EventStreams implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final String prefix;
    private RedisServer redis;
    private String stream;

    /** @param prefix names this class's streams ({@code <prefix><n>}) */
    EventStreams(String prefix) {
        this.prefix = prefix;
    }

    RedisServer redis() {
        return redis;
    }

    /** The current test's stream. */
    String stream() {
        return stream;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = RedisServer.startDurable();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        stream = prefix + STREAMS.incrementAndGet();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        EventTestSupport.assertViewMatchesLog(redis, stream);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        redis.close();
    }
}
