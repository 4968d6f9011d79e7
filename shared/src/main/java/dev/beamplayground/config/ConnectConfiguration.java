package dev.beamplayground.config;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code connect.*}: bounds of the wire layer. */
@ConfigurationProperties(ConnectConfiguration.PREFIX)
public class ConnectConfiguration {
    public static final String PREFIX = "connect";
    /** The default bound of a request body: a snippet's 4,000,000 content bytes, JSON-escaped. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024;

    /** Largest request body accepted; default {@value #DEFAULT_MAX_REQUEST_BYTES}. */
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

    public int getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }
}
