package dev.beamplayground.redis.memorystore;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.redis.v1.CloudRedisClient;
import com.google.cloud.redis.v1.Instance;
import com.google.cloud.redis.v1.TlsCertificate;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Looks a Memorystore instance up through its admin API once, on first use, and keeps the answer: the
 * endpoint of an instance does not change while it exists, and a cold start should pay for one lookup
 * at most. A failed lookup is not kept, so the next use tries again.
 */
public final class MemorystoreResolver implements EndpointSource {
    private static final Pattern NAME =
            Pattern.compile("projects/[a-z0-9.:-]{1,100}/locations/[a-z0-9-]{1,63}/instances/[a-z][a-z0-9-]{0,62}");

    private final String instanceName;
    private final Supplier<CloudRedisClient> clients;
    private volatile MemorystoreEndpoint endpoint;

    /**
     * @param instanceName {@code projects/P/locations/R/instances/I}
     * @param clients      opens an admin API client; it is closed after the lookup
     * @throws IllegalArgumentException when the name is not an instance name
     */
    public MemorystoreResolver(String instanceName, Supplier<CloudRedisClient> clients) {
        if (instanceName == null || !NAME.matcher(instanceName).matches()) {
            throw new IllegalArgumentException("redis.memorystore.instance (REDIS_MEMORYSTORE_INSTANCE) must be "
                    + "projects/<project>/locations/<region>/instances/<instance>");
        }
        this.instanceName = instanceName;
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    public String instanceName() {
        return instanceName;
    }

    @Override
    public String description() {
        return "Memorystore instance " + instanceName;
    }

    /**
     * The instance's endpoint, looked up on the first call.
     *
     * @throws MemorystoreException when the admin API cannot answer, or the instance is not ready
     */
    @Override
    public MemorystoreEndpoint endpoint() {
        MemorystoreEndpoint known = endpoint;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (endpoint == null) {
                endpoint = lookUp();
            }
            return endpoint;
        }
    }

    private MemorystoreEndpoint lookUp() {
        Instance instance;
        try (CloudRedisClient client = clients.get()) {
            instance = client.getInstance(instanceName);
        } catch (ApiException e) {
            throw new MemorystoreException("Memorystore admin API could not describe " + instanceName + ": "
                    + e.getStatusCode().getCode() + " " + e.getMessage(), e);
        }
        if (instance.getState() != Instance.State.READY && instance.getState() != Instance.State.UPDATING
                && instance.getState() != Instance.State.MAINTENANCE) {
            throw new MemorystoreException("Memorystore instance " + instanceName + " is " + instance.getState()
                    + ", not serving");
        }
        if (instance.getHost().isEmpty() || instance.getPort() <= 0) {
            throw new MemorystoreException("Memorystore instance " + instanceName + " has no endpoint yet");
        }
        boolean tls = instance.getTransitEncryptionMode() == Instance.TransitEncryptionMode.SERVER_AUTHENTICATION;
        String ca = instance.getServerCaCertsList().stream()
                .map(TlsCertificate::getCert)
                .filter(pem -> !pem.isBlank())
                .collect(Collectors.joining("\n"));
        if (tls && ca.isEmpty()) {
            throw new MemorystoreException("Memorystore instance " + instanceName
                    + " requires TLS but its admin API answer has no server CA certificate");
        }
        return new MemorystoreEndpoint(instance.getHost(), instance.getPort(), tls, ca, instance.getAuthEnabled());
    }
}
