package dev.beamplayground.testing;

import dev.beamplayground.config.ObjectPinning;
import dev.beamplayground.connect.PlaygroundApi;
import dev.beamplayground.edge.PlaygroundHttpFunction;
import dev.beamplayground.store.PlaygroundStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A function started the way Cloud Functions starts it (its entry class, {@link PlaygroundHttpFunction}, with the
 * beans of the jar's modules), with given properties, and called with whole HTTP requests through the Functions
 * Framework's own request and response interfaces: protocol choice, decoding, CORS and errors all run as in
 * production.
 */
public final class FunctionClient implements AutoCloseable {
    public static final String SERVICE = PlaygroundApi.PATH_PREFIX;

    private final ApplicationContext context;
    private final PlaygroundHttpFunction function;
    private final boolean ownsContext;

    private FunctionClient(ApplicationContext context, boolean ownsContext) {
        this.context = context;
        this.function = new PlaygroundHttpFunction(context);
        this.ownsContext = ownsContext;
    }

    /** A function over its own context, started as the entry class starts it, with the test's properties added. */
    public static FunctionClient start(Map<String, Object> properties) {
        return new FunctionClient(ApplicationContext.builder().properties(properties)
                .environments(Environment.FUNCTION, Environment.GOOGLE_COMPUTE).deduceEnvironment(false).start(), true);
    }

    /** A function over a context the test owns (micronaut-test's); closing the client leaves it open. */
    public static FunctionClient over(ApplicationContext context) {
        return new FunctionClient(context, false);
    }

    /** POSTs Connect JSON to a method of the service. */
    public FunctionResponse call(String method, String json) {
        return send("POST", SERVICE + method, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Any request; {@code contentType} and {@code body} may be null; {@code pathAndQuery} may carry a query. */
    public FunctionResponse send(String method, String pathAndQuery, byte[] body, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return send(method, pathAndQuery, body, headers);
    }

    /** Any request with the headers of the test's choosing. */
    public FunctionResponse send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) {
        FunctionsFrameworkExchange.Response response = new FunctionsFrameworkExchange.Response();
        try {
            function.service(new FunctionsFrameworkExchange.Request(method, pathAndQuery, headers, body), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.toResponse();
    }

    /** The store the function writes to, for checking what a call left behind. */
    public PlaygroundStore store() {
        return context.getBean(PlaygroundStore.class);
    }

    /**
     * Waits until the instance has reported to the upgrade registry: its first read sets that report off after
     * answering, so a test that counts the store calls of a later request waits for it first.
     */
    public void awaitRegistryReport() {
        context.getBean(ObjectPinning.class).autoPin().refreshIfDue();
    }

    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        if (ownsContext) {
            context.close();
        }
    }
}
