package dev.beamplayground.edge;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.beamplayground.connect.Headers;
import dev.beamplayground.connect.PlaygroundApi;
import dev.beamplayground.connect.RpcHandler;
import dev.beamplayground.connect.RpcRequest;
import dev.beamplayground.connect.RpcResponse;
import dev.beamplayground.connect.schema.MethodSchema;
import dev.beamplayground.logging.LogContext;
import dev.beamplayground.logging.TraceContext;
import dev.beamplayground.request.AfterAnswer;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The entry point of every HTTP function (and of the local run): a bare Functions Framework
 * {@link HttpFunction} that hands each request to the protocol layer ({@link RpcHandler}). Micronaut provides
 * the beans only; no HTTP server, router or serde of Micronaut's is involved. Which rpcs are served follows from
 * the function's jar: the protocol layer serves every {@code ServiceMethods} bean it finds.
 */
public class PlaygroundHttpFunction implements HttpFunction {
    private final ApplicationContext context;
    private final RpcHandler handler;

    /** As Cloud Functions starts it: the context from env variables and system properties. */
    public PlaygroundHttpFunction() {
        this(FunctionContext.start());
        StoreWarmUp.start(context);
    }

    /** Over a context made by the caller (tests, tools). */
    public PlaygroundHttpFunction(ApplicationContext context) {
        this.context = context;
        this.handler = context.getBean(RpcHandler.class);
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
        Headers headers = Headers.of(request.getHeaders());
        LogContext.start(TraceContext.of(headers.first("traceparent"), headers.first("X-Cloud-Trace-Context")),
                rpcName(request.getPath()));
        AfterAnswer.begin();
        try {
            serve(request, headers, response);
        } finally {
            LogContext.clear();
            AfterAnswer.end(); // a body is written and its stream closed: the client has its answer
        }
    }

    private void serve(HttpRequest request, Headers headers, HttpResponse response) throws IOException {
        byte[] body = readAtMost(request.getInputStream(), handler.maxBodyBytes() + 1);
        RpcResponse answer = handler.handle(new RpcRequest(request.getMethod(),
                request.getPath(), request.getQuery().orElse(null), headers, body));
        response.setStatusCode(answer.status());
        answer.headers().forEach((name, value) -> {
            if (name.equalsIgnoreCase("Content-Type")) {
                response.setContentType(value);
            } else {
                response.appendHeader(name, value);
            }
        });
        if (answer.body().length > 0) {
            try (OutputStream out = response.getOutputStream()) {
                out.write(answer.body());
            }
        }
    }

    /** The rpc a path names, as api.proto spells it; null for anything else (a client's path never reaches a log). */
    static String rpcName(String path) {
        if (path == null || !path.startsWith(PlaygroundApi.PATH_PREFIX)) {
            return null;
        }
        MethodSchema method = PlaygroundApi.method(path.substring(PlaygroundApi.PATH_PREFIX.length()));
        return method == null ? null : method.name();
    }

    /** Reads at most {@code limit} bytes: a longer body is cut there, and the protocol layer refuses it as too large. */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        return in.readNBytes(limit);
    }
}
