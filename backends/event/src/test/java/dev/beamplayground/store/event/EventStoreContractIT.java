package dev.beamplayground.store.event;

import dev.beamplayground.domain.Snippet;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreContract;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.PropertyValue;
import dev.beamplayground.versioning.SnippetCodec;
import dev.beamplayground.versioning.SnippetFileCodec;
import dev.beamplayground.versioning.VersionedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract against a real redis-server that fsyncs every write to its append-only file; each
 * test has its own stream. A restart is a crash of the server (killed, not shut down) and a start from
 * its append-only file, then a new store over the view the file restored. After every test the view and
 * its indexes are checked against a replay of the log, so the restart test covers them too.
 */
class EventStoreContractIT extends StoreContract {
    @RegisterExtension
    static final EventStreams EVENTS = new EventStreams("contract");
    private static final Codecs CODECS = Codecs.current();

    @Override
    protected PlaygroundStore newStore() {
        return open();
    }

    private PlaygroundStore open() {
        return EventTestSupport.open(EVENTS.redis(), EVENTS.stream());
    }

    @Override
    protected PlaygroundStore openAnother() {
        return open();
    }

    @Override
    protected PlaygroundStore reopen() {
        EVENTS.redis().stop();
        EVENTS.redis().restart();
        return open();
    }

    /** Events appended past the store, without the persistence-key rule. */
    @Override
    protected void insertLegacy(Snippet snippet) {
        EventTestSupport.appendRaw(EVENTS.redis(), EVENTS.stream(), events(snippet, CODECS.snippets().write(snippet.id(), snippet,
                SnippetCodec.VERSION)));
    }

    /** A property a newer minor version of the snippet object would add. */
    @Override
    protected void insertWithUnknownProperty(Snippet snippet, String property, String value) {
        VersionedObject object = CODECS.snippets().write(snippet.id(), snippet, SnippetCodec.VERSION);
        EventTestSupport.appendRaw(EVENTS.redis(), EVENTS.stream(), events(snippet, object
                .withVersion(ObjectVersion.of(SnippetCodec.VERSION.major(), SnippetCodec.VERSION.minor() + 1))
                .withProperties(object.properties().with(property, new PropertyValue.Text(value)))));
    }

    /** The property of the snippet's object in the view, read from Redis itself. */
    @Override
    protected Optional<String> storedProperty(String snippetId, String property) {
        EventSettings settings = EventTestSupport.settings(EVENTS.redis(), EVENTS.stream());
        VersionedObject stored;
        try (EventConnection connection = new EventConnection(settings)) {
            stored = new View(connection, settings.keys()).object(Snippet.KIND, snippetId);
        }
        if (stored == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(stored.properties().text(property, null));
    }

    private static List<Event> events(Snippet snippet, VersionedObject object) {
        List<Event> events = new ArrayList<>();
        events.add(Event.put(object));
        CODECS.files().writeAll(snippet, SnippetFileCodec.VERSION).forEach(f -> events.add(Event.put(f)));
        return events;
    }
}
