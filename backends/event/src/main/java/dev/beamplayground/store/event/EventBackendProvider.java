package dev.beamplayground.store.event;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.BackendConfigException;
import dev.beamplayground.store.spi.BackendProvider;
import dev.beamplayground.versioning.Codecs;
import java.util.Map;

/**
 * Persistence as an append-only log of events in a Redis Stream (see {@link EventStore}). Configuration:
 * {@code model-prefix} (required, comma-separated segments), {@code uri} (required, {@code redis://} or
 * {@code rediss://}), {@code stream} (default: the prefix joined with dots), {@code durability}
 * ({@code fsync}, the default, or {@code replicas}), {@code replicas} (default 0), and the log's retention
 * {@code retain-entries} (default 100000) and {@code retain-hours} (see {@link LogRetention}).
 */
public final class EventBackendProvider implements BackendProvider {
    public static final String NAME = "event";

    // Segments and the stream name end up in Redis keys and event types: a closed character set.
    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "event backend",
              "type": "object",
              "properties": {
                "model-prefix": {
                  "description": "first segments of every event type, comma-separated",
                  "type": "string",
                  "pattern": "^[A-Za-z0-9_.-]{1,64}(,[A-Za-z0-9_.-]{1,64}){0,7}$"
                },
                "uri": {
                  "description": "Redis server holding the log",
                  "type": "string",
                  "pattern": "^rediss?://[^\\\\s]{1,500}$"
                },
                "stream": {
                  "description": "name of the log; default: the model prefix joined with dots",
                  "type": "string",
                  "pattern": "^[A-Za-z0-9_.:-]{1,200}$"
                },
                "durability": {
                  "description": "fsync: the server must fsync every write (appendonly yes, appendfsync always); replicas: WAIT for the replicas",
                  "enum": ["fsync", "replicas"]
                },
                "replicas": {
                  "description": "replicas that must acknowledge every write",
                  "type": "string",
                  "pattern": "^[0-9]$"
                },
                "retain-entries": {
                  "description": "maintenance keeps at least the newest this many log entries; 0: no bound by count",
                  "type": "string",
                  "pattern": "^[0-9]{1,12}$"
                },
                "retain-hours": {
                  "description": "maintenance keeps at least the log entries of the last this many hours",
                  "type": "string",
                  "pattern": "^[0-9]{1,6}$"
                }
              },
              "required": ["model-prefix", "uri"],
              "additionalProperties": false
            }
            """;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String configSchema() {
        return SCHEMA;
    }

    /** Does not connect: the log is read on the store's first use. */
    @Override
    public PlaygroundStore open(Map<String, String> config, Codecs codecs) {
        EventSettings settings = EventSettings.from(config);
        if (settings.durability() == EventSettings.Durability.REPLICAS && settings.replicas() < 1) {
            throw new BackendConfigException("backend.replicas: durability replicas needs at least 1");
        }
        return new EventStore(settings, codecs);
    }
}
