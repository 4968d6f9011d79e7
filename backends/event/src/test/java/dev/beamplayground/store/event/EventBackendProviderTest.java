package dev.beamplayground.store.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.StoreUnavailableException;
import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.store.spi.Backends;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBackendProviderTest {

    private static String error(Map<String, String> config) {
        return assertThrows(BackendConfigException.class, () -> Backends.select(config, Map.of())).getMessage();
    }

    @Test
    void selectedByNameOrClassNameWithoutConnecting() {
        Map<String, String> config = Map.of("module", EventBackendProvider.class.getName(),
                "model-prefix", "playground", "uri", "redis://127.0.0.1:1");
        Backends.Selection selection = Backends.select(config, Map.of());
        assertEquals("event", selection.provider().name());
        selection.open().close(); // nothing listens on port 1: opening must not connect
    }

    @Test
    void anUnreachableRedisIsUnavailableNotAnError() {
        try (PlaygroundStore store = Backends.select(Map.of("module", "event", "model-prefix", "p",
                "uri", "redis://127.0.0.1:1"), Map.of()).open()) {
            assertThrows(StoreUnavailableException.class, store::countSnippets);
            assertThrows(StoreUnavailableException.class, () -> store.findSnippet("x"));
        }
    }

    @Test
    void settingsDeriveTheStreamKeysFromThePrefix() {
        EventSettings s = EventSettings.from(Map.of("model-prefix", "playground,prod", "uri", "redis://h:6379"));
        assertEquals(List.of("playground", "prod"), s.modelPrefix());
        assertEquals("{playground.prod}:log", s.logKey());
        assertEquals("{playground.prod}:seq", s.seqKey());
        assertEquals(EventSettings.Durability.FSYNC, s.durability());
    }

    @Test
    void badConfigurationIsOneLineNamingTheKey() {
        assertEquals("backend 'event' configuration is invalid: backend.model-prefix: required property 'model-prefix' not found",
                error(Map.of("module", "event", "uri", "redis://h:1")));
        String badPrefix = error(Map.of("module", "event", "uri", "redis://h:1", "model-prefix", "a b"));
        assertEquals(true, badPrefix.startsWith("backend 'event' configuration is invalid: backend.model-prefix:"), badPrefix);
        String badUri = error(Map.of("module", "event", "uri", "http://h", "model-prefix", "p"));
        assertEquals(true, badUri.contains("backend.uri"), badUri);
        assertEquals("backend.replicas: durability replicas needs at least 1", assertThrows(BackendConfigException.class,
                () -> Backends.select(Map.of("module", "event", "uri", "redis://h:1", "model-prefix", "p",
                        "durability", "replicas"), Map.of()).open()).getMessage());
    }

    @Test
    void unknownModuleListsTheBackendsPresent() {
        // This module's tests see the event backend only; deploy's BackendsTest sees every backend.
        assertEquals("backend.module 'nope' is unknown; available: event",
                error(Map.of("module", "nope")));
    }
}
