package dev.beamplayground.testing;

import dev.beamplayground.store.PlaygroundStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.gcp.function.http.GoogleHttpResponse;
import io.micronaut.gcp.function.http.HttpFunction;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.uri.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A function started the way Cloud Functions starts it ({@link HttpFunction}), with given properties,
 * and called with whole HTTP requests: routing, content negotiation, body binding and error handling
 * all run as in production.
 */
public final class FunctionClient implements AutoCloseable {
    public static final String SERVICE = "/api.v1.PlaygroundService/";

    private final ApplicationContext context;
    private final HttpFunction function;

    private FunctionClient(Map<String, Object> properties) {
        // Started as HttpFunction starts its own context, with the test's properties added.
        this.context = ApplicationContext.builder().properties(properties)
                .environments(Environment.FUNCTION, Environment.GOOGLE_COMPUTE).deduceEnvironment(false).start();
        this.function = new HttpFunction(context);
    }

    public static FunctionClient start(Map<String, Object> properties) {
        return new FunctionClient(properties);
    }

    /** POSTs Connect JSON to a method of the service. */
    public GoogleHttpResponse call(String method, String json) {
        return send(HttpMethod.POST, SERVICE + method, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Any request; {@code contentType} and {@code body} may be null. */
    public GoogleHttpResponse send(HttpMethod method, String path, byte[] body, String contentType) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, path);
        return invoke(request, body, contentType);
    }

    /**
     * Sends a prepared request (with headers of the test's choosing). The query string of its URI is copied into
     * its parameters, as the Functions Framework does: {@code HttpFunction.invoke} reads only the parameters.
     */
    public GoogleHttpResponse invoke(MutableHttpRequest<Object> request, byte[] body, String contentType) {
        new QueryStringDecoder(request.getUri()).parameters()
                .forEach((name, values) -> values.forEach(v -> request.getParameters().add(name, v)));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (body != null) {
            request.body(body);
        }
        return function.invoke(request);
    }

    /** The store the function writes to, for checking what a call left behind. */
    public PlaygroundStore store() {
        return context.getBean(PlaygroundStore.class);
    }

    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
