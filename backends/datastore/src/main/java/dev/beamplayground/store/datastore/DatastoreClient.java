package dev.beamplayground.store.datastore;

import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.datastore.Datastore;
import com.google.cloud.datastore.DatastoreOptions;
import com.google.cloud.http.HttpTransportOptions;
import dev.beamplayground.domain.error.InternalException;
import dev.beamplayground.versioning.Codecs;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's lifecycle: created on first use (so opening the store neither connects nor looks for
 * credentials), possibly ahead of it by a warm-up thread, and closed once. What is created with it (the roles
 * of the store, {@code R}) is built from the {@link Connection} in the same step.
 */
final class DatastoreClient<R> {
    // Logged under the facade's name, as before the split.
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreStore.class);
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(8);

    /** What is created on first use: the client, the mapper bound to its project, a pool for concurrent reads. */
    record Connection(Datastore datastore, String namespace, EntityObjects objects, SnippetMapper mapper,
                      Transactions transactions, ExecutorService pool) {
    }

    private record Open<R>(Connection connection, R roles) {
    }

    private final DatastoreSettings settings;
    private final Codecs codecs;
    private final Function<Connection, R> roles;
    private final Object lock = new Object();
    private volatile Open<R> open;
    private volatile boolean closed;

    DatastoreClient(DatastoreSettings settings, Codecs codecs, Function<Connection, R> roles) {
        this.settings = settings;
        this.codecs = codecs;
        this.roles = roles;
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
                Datastore datastore = connect();
                EntityObjects objects = new EntityObjects(datastore.getOptions().getProjectId(), settings.namespace(),
                        settings.clientDatabaseId(), codecs);
                ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
                Connection connection = new Connection(datastore, settings.namespace(), objects,
                        new SnippetMapper(objects), new Transactions(datastore), pool);
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
                Connection c = o.connection();
                c.pool().shutdown();
                // The HTTP transport (the default) holds no channels; closing it only logs a JUL warning.
                if (!(c.datastore().getOptions().getTransportOptions() instanceof HttpTransportOptions)) {
                    try {
                        c.datastore().close();
                    } catch (Exception e) {
                        LOG.debug("closing the Datastore client failed", e);
                    }
                }
            }
        }
    }

    private Datastore connect() {
        // The client's default retries keep a request waiting ~20 s on an unreachable Datastore; a
        // function answers 503 sooner and lets the caller retry.
        DatastoreOptions.Builder options = DatastoreOptions.newBuilder()
                .setNamespace(settings.namespace())
                .setDatabaseId(settings.clientDatabaseId())
                .setRetrySettings(ServiceOptions.getDefaultRetrySettings().toBuilder()
                        .setTotalTimeoutDuration(RETRY_BUDGET).build());
        settings.projectId().ifPresent(options::setProjectId);
        settings.emulatorHost().ifPresent(host -> options
                .setHost("http://" + host)
                .setCredentials(NoCredentials.getInstance()));
        try {
            return options.build().getService();
        } catch (IllegalArgumentException e) {
            // Thrown when neither backend.project-id nor the environment names a project.
            throw new InternalException("the Datastore project id is not configured", e);
        }
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
