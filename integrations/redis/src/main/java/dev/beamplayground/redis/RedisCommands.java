package dev.beamplayground.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The commands the functions send, on one pooled connection: each written with Jedis's protocol layer and its answer
 * read as Redis gives it, text decoded as UTF-8. Jedis's own command classes ({@code Jedis}, {@code Pipeline}, their
 * many interfaces and reply builders) are not used: they cost about a hundred classes at every cold start.
 * Error replies are thrown as Jedis throws them ({@code JedisDataException}, {@code JedisNoScriptException}), and
 * {@link RedisFailures} translates them.
 */
public final class RedisCommands {
    private final Connection connection;

    RedisCommands(Connection connection) {
        this.connection = connection;
    }

    /** EVAL: the script's answer (a table as a list, a number as a Long, a string, null). */
    public Object eval(String script, List<String> keys, List<String> args) {
        return script(Command.EVAL, script, keys, args);
    }

    /** EVALSHA; an unknown script throws {@code JedisNoScriptException}. */
    public Object evalsha(String sha, List<String> keys, List<String> args) {
        return script(Command.EVALSHA, sha, keys, args);
    }

    /** PING: the connection answers. */
    public String ping() {
        connection.sendCommand(Command.PING);
        return connection.getStatusCodeReply();
    }

    public String get(String key) {
        connection.sendCommand(Command.GET, key);
        return connection.getBulkReply();
    }

    /** HGETALL of each key and GET of each other key, sent together: one round trip. */
    public Batch batch() {
        return new Batch();
    }

    /** One page of HSCAN: the next cursor ("0" at the end) and the fields with their values. */
    public ScanPage hscan(String key, String cursor, int count) {
        connection.sendCommand(Command.HSCAN, key, cursor, "COUNT", String.valueOf(count));
        List<Object> reply = connection.getObjectMultiBulkReply();
        return new ScanPage(SafeEncoder.encode((byte[]) reply.get(0)), pairs(reply.get(1)));
    }

    /** How long a command may wait for its answer on this connection; see {@link #resetTimeout}. */
    public void timeout(int millis) {
        connection.setSoTimeout(millis);
    }

    /** Back to the pool's command timeout, unless the connection broke (the pool drops it then). */
    public void resetTimeout(int millis) {
        if (!connection.isBroken()) {
            connection.setSoTimeout(millis);
        }
    }

    private Object script(Command command, String script, List<String> keys, List<String> args) {
        String[] arguments = new String[2 + keys.size() + args.size()];
        arguments[0] = script;
        arguments[1] = String.valueOf(keys.size());
        int i = 2;
        for (String key : keys) {
            arguments[i++] = key;
        }
        for (String arg : args) {
            arguments[i++] = arg;
        }
        connection.sendCommand(command, arguments);
        return SafeEncoder.encodeObject(connection.getOne());
    }

    private static Map<String, String> pairs(Object reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<?> flat = (List<?>) reply;
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(SafeEncoder.encode((byte[]) flat.get(i)), SafeEncoder.encode((byte[]) flat.get(i + 1)));
        }
        return fields;
    }

    /** One HSCAN page. */
    public record ScanPage(String cursor, Map<String, String> fields) {
        /** The cursor that starts a scan, and that ends one when Redis answers it. */
        public static final String START = "0";
    }

    /** Commands sent together and answered in one round trip, in their order. */
    public final class Batch {
        private final List<Boolean> hashes = new ArrayList<>();

        private Batch() {
        }

        public Batch get(String key) {
            connection.sendCommand(Command.GET, key);
            hashes.add(false);
            return this;
        }

        public Batch hgetAll(String key) {
            connection.sendCommand(Command.HGETALL, key);
            hashes.add(true);
            return this;
        }

        /** The answers in the commands' order: a String (null when missing) for GET, a Map for HGETALL. */
        public List<Object> answers() {
            List<Object> replies = connection.getMany(hashes.size());
            List<Object> answers = new ArrayList<>(replies.size());
            for (int i = 0; i < replies.size(); i++) {
                Object reply = replies.get(i);
                if (reply instanceof JedisDataException error) {
                    throw error;
                }
                answers.add(hashes.get(i) ? pairs(reply) : reply == null ? null : SafeEncoder.encode((byte[]) reply));
            }
            return answers;
        }
    }
}
