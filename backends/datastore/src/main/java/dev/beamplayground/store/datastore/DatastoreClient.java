package dev.beamplayground.store.datastore;

import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.googlerest.AdcAuthorization;
import dev.beamplayground.googlerest.Authorization;
import dev.beamplayground.versioning.Codecs;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The client's lifecycle: created on first use (so opening the store neither connects nor looks for
 * credentials), possibly ahead of it by a warm-up thread, and closed once. The client is {@link DatastoreRpc}: the
 * emulator's host without credentials, else Datastore's with Application Default Credentials (the function's
 * service account), looked up at the first call. What is created with it (the roles
 * of the store, {@code R}) is built from the {@link Connection} in the same step.
 */
final class DatastoreClient<R> {
    static final URI DATASTORE = URI.create("https://datastore.googleapis.com");
    static final String SCOPE = "https://www.googleapis.com/auth/datastore";
    /** Where a project comes from when the configuration names none: the runtime's, Terraform's, the emulator's. */
    static final List<String> PROJECT_VARIABLES = List.of("GOOGLE_CLOUD_PROJECT", "GCLOUD_PROJECT", "GCP_PROJECT_ID",
            "GCP_PROJECT", "DATASTORE_PROJECT_ID");

    /** A project id (also a domain-scoped one, {@code example.com:p}): it goes into the calls' path and header. */
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{0,99}");

    /** What is created on first use: the calls, the mapper bound to its project, a pool for concurrent reads. */
    record Connection(DatastoreCalls datastore, EntityObjects objects, SnippetMapper mapper,
                      Transactions transactions, ExecutorService pool, DatastoreRpc rpc) {
    }

    private record Open<R>(Connection connection, R roles) {
    }

    private final DatastoreSettings settings;
    private final Codecs codecs;
    private final Function<Connection, R> roles;
    private final UnaryOperator<String> environment;
    private final Object lock = new Object();
    private volatile Open<R> open;
    private volatile boolean closed;

    DatastoreClient(DatastoreSettings settings, Codecs codecs, Function<Connection, R> roles) {
        this(settings, codecs, roles, System::getenv);
    }

    DatastoreClient(DatastoreSettings settings, Codecs codecs, Function<Connection, R> roles,
                    UnaryOperator<String> environment) {
        this.settings = settings;
        this.codecs = codecs;
        this.roles = roles;
        this.environment = environment;
    }

    /**
     * The roles over the client, which is created on the first call.
     *
     * @throws IllegalStateException after {@link #close}
     * @throws InternalException     when no project id is configured
     */
    R get() {
        Open<R> o = open;
        if (o != null) {
            return o.roles();
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the Datastore store is closed");
            }
            if (open == null) {
                DatastoreRpc rpc = connect();
                DatastoreCalls datastore = new DatastoreCalls(rpc, settings.namespace());
                EntityObjects objects = new EntityObjects(rpc.projectId(), settings.namespace(),
                        settings.clientDatabaseId(), codecs);
                ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
                Connection connection = new Connection(datastore, objects,
                        new SnippetMapper(objects), new Transactions(datastore), pool, rpc);
                open = new Open<>(connection, roles.apply(connection));
            }
            return open.roles();
        }
    }

    void close() {
        synchronized (lock) {
            closed = true;
            Open<R> o = open;
            open = null;
            if (o != null) {
                o.connection().pool().shutdown();
                o.connection().rpc().close();
            }
        }
    }

    private DatastoreRpc connect() {
        String project = settings.projectId().or(this::projectOfEnvironment).orElseThrow(() ->
                new InternalException("the Datastore project id is not configured (backend.project-id, GCP_PROJECT_ID)"));
        if (!PROJECT_ID.matcher(project).matches()) {
            throw new InternalException("the Datastore project id is not a project id");
        }
        if (settings.emulatorHost().isPresent()) {
            return new DatastoreRpc(URI.create("http://" + settings.emulatorHost().get()), project,
                    settings.clientDatabaseId(), Authorization.NONE);
        }
        return new DatastoreRpc(DATASTORE, project, settings.clientDatabaseId(),
                AdcAuthorization.applicationDefault(SCOPE));
    }

    private Optional<String> projectOfEnvironment() {
        return PROJECT_VARIABLES.stream().map(environment).filter(v -> v != null && !v.isBlank()).map(String::strip)
                .findFirst();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "datastore-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
