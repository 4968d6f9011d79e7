package dev.beamplayground.redis;

import dev.beamplayground.redis.resp.RespConnection;
import dev.beamplayground.redis.resp.RespErrorReply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands the functions send, on one pooled connection ({@code redis.resp}), each answer read as Redis gives it,
 * text decoded as UTF-8. Error replies are thrown ({@link RespErrorReply}, {@code NOSCRIPT ...} among them), and
 * {@link RedisFailures} translates them.
 */
public final class RedisCommands {
    private final RespConnection connection;

    RedisCommands(RespConnection connection) {
        this.connection = connection;
    }

    /** EVAL: the script's answer (a table as a list, a number as a Long, a string, null). */
    public Object eval(String script, List<String> keys, List<String> args) {
        return script("EVAL", script, keys, args);
    }

    /** EVALSHA; an unknown script throws a {@link RespErrorReply} starting with {@code NOSCRIPT}. */
    public Object evalsha(String sha, List<String> keys, List<String> args) {
        return script("EVALSHA", sha, keys, args);
    }

    /** PING: the connection answers. */
    public String ping() {
        connection.send("PING");
        return (String) connection.reply();
    }

    public String get(String key) {
        connection.send("GET", key);
        return (String) connection.reply();
    }

    /** HGETALL of each key and GET of each other key, sent together: one round trip. */
    public Batch batch() {
        return new Batch();
    }

    /** One page of HSCAN: the next cursor ("0" at the end) and the fields with their values. */
    public ScanPage hscan(String key, String cursor, int count) {
        connection.send("HSCAN", key, cursor, "COUNT", String.valueOf(count));
        List<?> reply = (List<?>) connection.reply();
        return new ScanPage((String) reply.get(0), pairs(reply.get(1)));
    }

    /** How long a command may wait for its answer on this connection; see {@link #resetTimeout}. */
    public void timeout(int millis) {
        connection.timeout(millis);
    }

    /** Back to the pool's command timeout, unless the connection broke (the pool drops it then). */
    public void resetTimeout(int millis) {
        if (!connection.isBroken()) {
            connection.timeout(millis);
        }
    }

    private Object script(String command, String script, List<String> keys, List<String> args) {
        String[] arguments = new String[3 + keys.size() + args.size()];
        arguments[0] = command;
        arguments[1] = script;
        arguments[2] = String.valueOf(keys.size());
        int i = 3;
        for (String key : keys) {
            arguments[i++] = key;
        }
        for (String arg : args) {
            arguments[i++] = arg;
        }
        connection.send(arguments);
        return connection.reply();
    }

    private static Map<String, String> pairs(Object reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<?> flat = (List<?>) reply;
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
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
            connection.send("GET", key);
            hashes.add(false);
            return this;
        }

        public Batch hgetAll(String key) {
            connection.send("HGETALL", key);
            hashes.add(true);
            return this;
        }

        /** The answers in the commands' order: a String (null when missing) for GET, a Map for HGETALL. */
        public List<Object> answers() {
            List<Object> replies = connection.replies(hashes.size());
            List<Object> answers = new ArrayList<>(replies.size());
            for (int i = 0; i < replies.size(); i++) {
                Object reply = replies.get(i);
                if (reply instanceof RespErrorReply error) {
                    throw error;
                }
                answers.add(hashes.get(i) ? pairs(reply) : reply);
            }
            return answers;
        }
    }
}
