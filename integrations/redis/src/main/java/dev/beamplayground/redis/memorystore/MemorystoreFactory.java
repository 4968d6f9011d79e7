package dev.beamplayground.redis.memorystore;

import dev.beamplayground.googlerest.AdcAuthorization;
import dev.beamplayground.googlerest.Authorization;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The endpoint source: the configured address ({@code redis.memorystore.host}), or the resolver that looks the
 * instance up through the admin API when an instance name is configured instead.
 */
@Factory
public class MemorystoreFactory {
    /** Names the admin API's {@link Authorization} bean. */
    public static final String ADMIN_API = "memorystore-admin-api";
    /** The OAuth scope of the lookup's token: the admin API takes no narrower one. */
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    @Singleton
    @Requires(property = MemorystoreConfiguration.HOST_PROPERTY)
    @Requires(missingProperty = MemorystoreConfiguration.INSTANCE_PROPERTY)
    EndpointSource configuredEndpoint(MemorystoreConfiguration configuration) {
        return new ConfiguredEndpoint(configuration);
    }

    /** Application Default Credentials, read at the first lookup, not here. */
    @Singleton
    @Named(ADMIN_API)
    @Requires(property = MemorystoreConfiguration.INSTANCE_PROPERTY)
    Authorization memorystoreAdminApiAuthorization() {
        return AdcAuthorization.applicationDefault(SCOPE);
    }

    @Singleton
    @Requires(property = MemorystoreConfiguration.INSTANCE_PROPERTY)
    @Bean(preDestroy = "close")
    MemorystoreResolver memorystoreResolver(MemorystoreConfiguration configuration,
            @Named(ADMIN_API) Authorization authorization) {
        if (configuration.getHost() != null) {
            throw new ConfigurationException("Both " + MemorystoreConfiguration.HOST_PROPERTY
                    + " (REDIS_MEMORYSTORE_HOST) and " + MemorystoreConfiguration.INSTANCE_PROPERTY
                    + " (REDIS_MEMORYSTORE_INSTANCE) are set; set one");
        }
        return new MemorystoreResolver(configuration.getInstance(), adminApi(configuration.getAdminApiUrl()),
                authorization, configuration.getTimeout());
    }

    /** An http(s) URL of a host and nothing after it but a slash. */
    static URI adminApi(String url) {
        String problem = MemorystoreConfiguration.PREFIX + ".admin-api-url: not an http(s) URL of a host";
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new ConfigurationException(problem);
        }
        boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        String path = uri.getRawPath();
        if (!http || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(path == null || path.isEmpty() || path.equals("/"))) {
            throw new ConfigurationException(problem);
        }
        return uri;
    }
}
