package dev.beamplayground.redis.memorystore;

import io.micronaut.context.exceptions.ConfigurationException;

/**
 * The endpoint as the configuration gives it ({@code redis.memorystore.host}, {@code port}, {@code server-ca}):
 * no admin API call and no project-wide role. Whether the instance requires AUTH is not known here, so a
 * missing password shows as Redis's own NOAUTH error rather than at configuration.
 */
final class ConfiguredEndpoint implements EndpointSource {
    private static final int MAX_PORT = 65_535;

    private final MemorystoreEndpoint endpoint;

    ConfiguredEndpoint(MemorystoreConfiguration configuration) {
        String host = configuration.getHost();
        if (host == null || host.isBlank()) {
            throw new ConfigurationException(MemorystoreConfiguration.HOST_PROPERTY + " is empty");
        }
        if (configuration.getPort() <= 0 || configuration.getPort() > MAX_PORT) {
            throw new ConfigurationException(MemorystoreConfiguration.PREFIX + ".port (REDIS_MEMORYSTORE_PORT) must be "
                    + "1-" + MAX_PORT);
        }
        String ca = configuration.getServerCa() == null ? "" : configuration.getServerCa().strip();
        this.endpoint = new MemorystoreEndpoint(host.strip(), configuration.getPort(), !ca.isEmpty(), ca, false);
    }

    @Override
    public MemorystoreEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return MemorystoreConfiguration.HOST_PROPERTY + " " + endpoint.host() + ":" + endpoint.port();
    }
}
