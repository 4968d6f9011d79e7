package dev.beamplayground.redis;

import dev.beamplayground.config.RedisConfigured;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;

/**
 * The Redis connections of a function, made on the first request that uses Redis, never at start (the pool
 * connects on its first borrow). See {@link RedisConnections} for how failures behave.
 */
@Factory
@Requires(condition = RedisConfigured.class)
public class RedisConnectionFactory {

    @Singleton
    @Bean(preDestroy = "close")
    RedisConnections redisConnections(RedisTarget target, RedisClientSettings settings) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis(settings.getConnectTimeout().toMillis()))
                .socketTimeoutMillis(millis(settings.getCommandTimeout().toMillis()))
                .user(target.user())
                .password(target.password() == null ? null : new String(target.password()))
                .database(target.database())
                // RedisCommands reads replies as the protocol gives them: RESP2's arrays, which the scripts and
                // commands are written for. Left to itself Jedis negotiates RESP3, whose maps arrive otherwise.
                .protocol(RedisProtocol.RESP2)
                // No CLIENT SETINFO after the handshake: two more commands on every new connection (which Redis
                // before 7.2 answers with an error) to label it with Jedis's name and version.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .ssl(target.tls());
        target.ssl().ifPresent(trust -> {
            client.sslSocketFactory(trust);
            // Without parameters Jedis checks the host name, which Memorystore's certificate does not carry
            // (see RedisTarget); rediss:// with the JVM's trust keeps that check.
            client.sslParameters(new SSLParameters());
        });
        JedisClientConfig config = client.build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.getPoolSize());
        pool.setMaxIdle(settings.getPoolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(settings.getCommandTimeout());
        pool.setJmxEnabled(false); // registering the pool's MBean would load the JMX classes at the first request
        pool.setTimeBetweenEvictionRuns(java.time.Duration.ofMillis(-1)); // no evictor thread
        HostAndPort endpoint = new HostAndPort(target.host(), target.port());
        return new RedisConnections(new ConnectionPool(endpoint, config, pool), endpoint, config,
                settings.getCommandTimeout());
    }

    private static int millis(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, millis));
    }
}
