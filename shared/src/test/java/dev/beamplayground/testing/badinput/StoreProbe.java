package dev.beamplayground.testing.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.Entity;
import com.google.cloud.datastore.Key;
import com.google.cloud.datastore.Query;
import com.google.cloud.datastore.QueryResults;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.PubSubEmulator;
import dev.beamplayground.testing.RedisServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A picture of what a store holds, taken outside the function (through the emulator's client, JDBC, or a raw
 * Redis connection), so that two pictures differ when a request wrote anything.
 */
@FunctionalInterface
public interface StoreProbe {
    String snapshot();

    /** Every entity of a Datastore namespace: keys (the count) and properties (so a counted visit shows too). */
    static StoreProbe datastore(DatastoreEmulator emulator, String namespace) {
        Datastore client = emulator.client(namespace);
        return () -> {
            TreeMap<String, String> entities = new TreeMap<>();
            QueryResults<Entity> all = client.run(Query.newEntityQueryBuilder().setNamespace(namespace).build());
            all.forEachRemaining(e -> entities.put(keyOf(e.getKey()), e.getProperties().toString()));
            return entities.size() + " entities " + entities;
        };
    }

    private static String keyOf(Key key) {
        return key.getKind() + "/" + key.getNameOrId();
    }

    /** Every row of every table of an SQLite file. */
    static StoreProbe sqlite(Path file) {
        return () -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet t = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                    while (t.next()) {
                        tables.add(t.getString(1));
                    }
                }
                StringBuilder out = new StringBuilder();
                for (String table : tables) {
                    try (ResultSet rows = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1")) {
                        int columns = rows.getMetaData().getColumnCount();
                        int count = 0;
                        StringBuilder content = new StringBuilder();
                        while (rows.next()) {
                            count++;
                            for (int i = 1; i <= columns; i++) {
                                content.append(rows.getString(i)).append('|');
                            }
                            content.append('\n');
                        }
                        out.append(table).append(": ").append(count).append(" rows\n").append(content);
                    }
                }
                return out.toString();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        };
    }

    /**
     * DBSIZE, every key, and each key's content (a hash's fields too, so a written subkey shows), read by one
     * script in one round trip.
     */
    static StoreProbe redis(RedisServer redis) {
        String script = """
                local keys = redis.call('KEYS', '*')
                table.sort(keys)
                local out = {tostring(redis.call('DBSIZE'))}
                for _, k in ipairs(keys) do
                  local t = redis.call('TYPE', k)['ok']
                  local v = ''
                  if t == 'hash' then v = table.concat(redis.call('HGETALL', k), '|')
                  elseif t == 'string' then v = redis.call('GET', k) end
                  table.insert(out, k .. ' ' .. t .. ' ' .. v)
                end
                return table.concat(out, '\n')""";
        return () -> redis.command("EVAL", script, "0");
    }

    /** What a pull subscription received since the last picture (one pull, no wait): nothing, normally. */
    static StoreProbe published(PubSubEmulator pubsub, String subscription) {
        return () -> {
            List<JsonNode> messages = pubsub.pull(subscription, Duration.ZERO);
            return messages.isEmpty() ? "nothing published" : "published " + messages.stream()
                    .map(PubSubEmulator::data).toList();
        };
    }

    /** Both pictures. */
    default StoreProbe and(StoreProbe other) {
        return () -> snapshot() + "\n" + other.snapshot();
    }
}
