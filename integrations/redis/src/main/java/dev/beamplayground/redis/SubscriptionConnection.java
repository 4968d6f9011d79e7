package dev.beamplayground.redis;

import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;

/**
 * A Jedis connection for a subscription ({@code JedisPubSub}), made only when one is needed: no function's request
 * path subscribes, so Jedis's classes load in the processes that watch cancellations and nowhere else.
 */
final class SubscriptionConnection {
    private SubscriptionConnection() {
    }

    static Connection open(RedisTarget target, RedisClientSettings settings) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(RedisConnectionFactory.millis(settings.getConnectTimeout()))
                .socketTimeoutMillis(RedisConnectionFactory.millis(settings.getCommandTimeout()))
                .user(target.user())
                .password(target.password() == null ? null : new String(target.password()))
                .database(target.database())
                // Pushed messages as RESP2 arrays, which JedisPubSub reads; no CLIENT SETINFO (refused before 7.2).
                .protocol(RedisProtocol.RESP2)
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .ssl(target.tls());
        target.ssl().ifPresent(trust -> {
            client.sslSocketFactory(trust);
            // Without parameters Jedis checks the host name, which Memorystore's certificate does not carry
            // (see RedisTarget); rediss:// with the JVM's trust keeps that check.
            client.sslParameters(new SSLParameters());
        });
        return new Connection(new HostAndPort(target.host(), target.port()), client.build());
    }
}
