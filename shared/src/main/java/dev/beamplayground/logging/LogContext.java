package dev.beamplayground.logging;

import org.slf4j.MDC;

/**
 * What a request or event adds to every log line written while it is served: its trace and span, and the rpc
 * (a name from api.proto, never a client's string). Set when the request starts; {@link #clear()} when it has
 * been answered. An event function that throws leaves it in place, so that the invoker's report of the failure
 * (through the JUL bridge) carries the trace too; the next event replaces it.
 */
public final class LogContext {
    static final String TRACE = "trace";
    static final String SPAN = "spanId";
    static final String METHOD = "method";

    private LogContext() {
    }

    public static void start(TraceContext trace, String method) {
        clear();
        if (trace != null) {
            MDC.put(TRACE, trace.traceId());
            if (trace.spanId() != null) {
                MDC.put(SPAN, trace.spanId());
            }
        }
        if (method != null) {
            MDC.put(METHOD, method);
        }
    }

    /** For an event: the trace of its {@code traceparent} extension (CloudEvents' distributed tracing). */
    public static void startEvent(Object traceparentExtension) {
        start(TraceContext.of(traceparentExtension == null ? null : traceparentExtension.toString(), null), null);
    }

    public static void clear() {
        MDC.remove(TRACE);
        MDC.remove(SPAN);
        MDC.remove(METHOD);
    }
}
