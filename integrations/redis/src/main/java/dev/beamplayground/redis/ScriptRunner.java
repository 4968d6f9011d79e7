package dev.beamplayground.redis;

import dev.beamplayground.redis.resp.RespErrorReply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs Lua scripts on the shared connections: EVALSHA, sending the script itself on NOSCRIPT (first use, or after a
 * Redis restart lost the cache; EVAL caches it again). Failures are translated by {@link RedisFailures}.
 */
public final class ScriptRunner {
    private final Supplier<RedisConnections> connections;
    private final ConcurrentHashMap<String, String> shas = new ConcurrentHashMap<>();

    /** @param connections the shared connections, asked for on every call so that a failed first use is retried */
    public ScriptRunner(Supplier<RedisConnections> connections) {
        this.connections = connections;
    }

    /** {@code what} names the operation for the log, never data. The script answers a Lua table. */
    @SuppressWarnings("unchecked")
    public List<Object> run(String what, String script, String[] keys, String... args) {
        String sha = shas.computeIfAbsent(script, ScriptRunner::sha1);
        List<String> keyList = List.of(keys);
        List<String> argList = List.of(args);
        return call(what, redis -> {
            Object reply;
            try {
                reply = redis.evalsha(sha, keyList, argList);
            } catch (RespErrorReply e) {
                if (!e.getMessage().startsWith("NOSCRIPT")) {
                    throw e;
                }
                reply = redis.eval(script, keyList, argList);
            }
            // A script that answers one value (a number, nil) is read as a table of that value.
            return reply instanceof List<?> table ? (List<Object>) table : Arrays.asList(reply);
        });
    }

    /**
     * Plain commands on a pooled connection, failures translated: the connections' lookup here (their bean may fail
     * to be made), the commands by {@link RedisConnections#call}.
     */
    public <T> T call(String what, Function<RedisCommands, T> commands) {
        return RedisFailures.call(what, connections::get).call(what, commands);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
