package dev.beamplayground.redis.memorystore;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code redis.memorystore.*}: the Memorystore endpoint the default Redis connection uses instead of
 * {@code redis.uri}, given either as the endpoint itself ({@code host}, {@code port}, {@code server-ca}; env
 * {@code REDIS_MEMORYSTORE_HOST}, {@code _PORT}, {@code _SERVER_CA}: what Terraform knows when it creates the
 * instance) or as the instance's name ({@code instance}, env {@code REDIS_MEMORYSTORE_INSTANCE}), looked up
 * through the Memorystore admin API, which needs {@code redis.instances.get} on the project.
 */
@ConfigurationProperties(MemorystoreConfiguration.PREFIX)
public class MemorystoreConfiguration {
    public static final String PREFIX = "redis.memorystore";
    /** The property that switches Memorystore resolution on. */
    public static final String INSTANCE_PROPERTY = PREFIX + ".instance";
    /** The property that sets the endpoint directly. */
    public static final String HOST_PROPERTY = PREFIX + ".host";
    /** Default {@value}: the admin API's deadline for the one lookup. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@value}: Memorystore's port with in-transit encryption. */
    public static final int DEFAULT_PORT = 6378;
    /** Default {@value}: the admin API's REST endpoint. */
    public static final String DEFAULT_ADMIN_API_URL = "https://redis.googleapis.com";

    private String instance;
    private Duration timeout = DEFAULT_TIMEOUT;
    private String host;
    private int port = DEFAULT_PORT;
    private String serverCa;
    private String adminApiUrl = DEFAULT_ADMIN_API_URL;

    /** {@code projects/P/locations/R/instances/I}. */
    @Nullable
    public String getInstance() {
        return instance;
    }

    public void setInstance(@Nullable String instance) {
        this.instance = instance;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** The instance's private IP; set instead of {@code instance}. */
    @Nullable
    public String getHost() {
        return host;
    }

    public void setHost(@Nullable String host) {
        this.host = host;
    }

    /** Default {@value #DEFAULT_PORT}; 6379 for an instance without in-transit encryption. */
    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    /**
     * PEM certificates of the CA that signs the instance's server certificate (its {@code server_ca_certs});
     * with it the connection uses TLS and trusts exactly that CA. Absent: plain TCP.
     */
    @Nullable
    public String getServerCa() {
        return serverCa;
    }

    public void setServerCa(@Nullable String serverCa) {
        this.serverCa = serverCa;
    }

    /**
     * Where the instance is looked up, default {@value #DEFAULT_ADMIN_API_URL}: another URL only for tests and an
     * emulation of the admin API.
     */
    public String getAdminApiUrl() {
        return adminApiUrl;
    }

    public void setAdminApiUrl(String adminApiUrl) {
        this.adminApiUrl = adminApiUrl;
    }
}
