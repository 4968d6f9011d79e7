package dev.beamplayground.edge;

import com.google.cloud.functions.CloudEventsFunction;
import dev.beamplayground.logging.LogContext;
import io.cloudevents.CloudEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanProvider;
import java.util.Optional;

/**
 * The entry point of every Pub/Sub-triggered function: a bare Functions Framework {@link CloudEventsFunction}
 * whose beans come from Micronaut, looked up through {@link #lazyBean} (made on first use, so a start serves its
 * first event without building what that event does not need). Every line logged for an event carries the trace
 * of the event's {@code traceparent}; when the event fails, that context stays for the invoker's report of the
 * failure and the next event replaces it.
 */
public abstract class PubSubEventFunction implements CloudEventsFunction, AutoCloseable {
    private final ApplicationContext context;

    /** As Cloud Functions starts it: the context from the environment. */
    protected PubSubEventFunction() {
        this(FunctionContext.start());
        StoreWarmUp.start(context);
    }

    /** Over a context made by the caller (tests, tools); closing the function closes it. */
    protected PubSubEventFunction(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public final void accept(CloudEvent event) throws Exception {
        LogContext.startEvent(event.getExtension("traceparent"));
        handle(PubSubMessage.loggableId(event.getId()), PubSubMessage.of(event));
        LogContext.clear();
    }

    /**
     * One delivery. Throwing asks Pub/Sub to deliver it again (with retries on); returning acknowledges it.
     *
     * @param eventId the event's id, safe to log
     * @param message the message, empty when the event carries none or something else
     */
    protected abstract void handle(String eventId, Optional<PubSubMessage> message) throws Exception;

    /** A bean of the function's context, made when first asked for. */
    protected final <T> BeanProvider<T> lazyBean(Class<T> type) {
        return context.getProvider(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
