package dev.beamplayground.redis.memorystore;

import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.googlerest.RestEndpoint;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Looks a Memorystore instance up through its admin API once, on first use, and keeps the answer: the
 * endpoint of an instance does not change while it exists, and a cold start should pay for one lookup
 * at most. A failed lookup is not kept, so the next use tries again. The lookup is one GET of the instance
 * over the admin API's REST endpoint, all of it (connect, answer, body) within {@code redis.memorystore.timeout}
 * (a body that stops mid-way, within twice that: see {@link RestEndpoint}).
 */
public final class MemorystoreResolver implements EndpointSource, AutoCloseable {
    private static final Pattern NAME =
            Pattern.compile("projects/[a-z0-9.:-]{1,100}/locations/[a-z0-9-]{1,63}/instances/[a-z][a-z0-9-]{0,62}");
    /** States in which the instance answers: it stays reachable while it is updated or maintained. */
    private static final Set<String> SERVING = Set.of("READY", "UPDATING", "MAINTENANCE");

    private final String instanceName;
    private final RestEndpoint api;
    private final Duration timeout;
    private volatile MemorystoreEndpoint endpoint;

    /**
     * Touches no network and reads no credentials; the first {@link #endpoint()} does.
     *
     * @param instanceName  {@code projects/P/locations/R/instances/I}
     * @param adminApi      the admin API's base URL ({@code https://redis.googleapis.com})
     * @param authorization the token of the lookup
     * @param timeout       bounds the whole lookup
     * @throws IllegalArgumentException when the name is not an instance name
     */
    MemorystoreResolver(String instanceName, URI adminApi, Authorization authorization, Duration timeout) {
        if (instanceName == null || !NAME.matcher(instanceName).matches()) {
            throw new IllegalArgumentException("redis.memorystore.instance (REDIS_MEMORYSTORE_INSTANCE) must be "
                    + "projects/<project>/locations/<region>/instances/<instance>");
        }
        this.instanceName = instanceName;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String base = adminApi.toString().replaceAll("/+$", "");
        // The name's characters are all allowed in a URL path as they are.
        this.api = new RestEndpoint(URI.create(base + "/v1/" + instanceName), authorization, "Memorystore admin API");
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
                api.close(); // no later lookup: its watchdog thread can go
            }
            return endpoint;
        }
    }

    private MemorystoreEndpoint lookUp() {
        long deadline = System.nanoTime() + timeout.toNanos();
        RestEndpoint.Answer answer;
        try {
            answer = api.get(() -> TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        } catch (IOException e) {
            throw new MemorystoreException("Memorystore admin API could not describe " + instanceName + ": "
                    + e.getMessage(), e);
        }
        if (answer.status() != 200) {
            throw new MemorystoreException("Memorystore admin API could not describe " + instanceName + ": HTTP "
                    + answer.status() + AdminApiAnswer.errorDetail(answer.body()));
        }
        AdminApiAnswer.Instance instance;
        try {
            instance = AdminApiAnswer.instance(answer.body());
        } catch (IllegalArgumentException e) {
            throw new MemorystoreException("Memorystore admin API's answer for " + instanceName
                    + " is not an instance: " + e.getMessage(), e);
        }
        if (!SERVING.contains(instance.state())) {
            throw new MemorystoreException("Memorystore instance " + instanceName + " is " + instance.state()
                    + ", not serving");
        }
        if (instance.host().isEmpty() || instance.port() <= 0) {
            throw new MemorystoreException("Memorystore instance " + instanceName + " has no endpoint yet");
        }
        boolean tls = "SERVER_AUTHENTICATION".equals(instance.transitEncryptionMode());
        String ca = instance.serverCaCerts().stream()
                .filter(pem -> !pem.isBlank())
                .collect(Collectors.joining("\n"));
        if (tls && ca.isEmpty()) {
            throw new MemorystoreException("Memorystore instance " + instanceName
                    + " requires TLS but its admin API answer has no server CA certificate");
        }
        return new MemorystoreEndpoint(instance.host(), instance.port(), tls, ca, instance.authEnabled());
    }

    /** Stops a lookup's watchdog thread; a later first lookup fails. */
    @Override
    public void close() {
        api.close();
    }
}
