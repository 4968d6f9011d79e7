package dev.beamplayground.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace a request or event belongs to, from W3C {@code traceparent} or Google's {@code X-Cloud-Trace-Context}.
 * Both come from the client or the load balancer, so each part must match its exact form before it is used;
 * anything else is no trace.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId  16 lower-case hex digits
 */
public record TraceContext(String traceId, String spanId) {
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final Pattern CLOUD = Pattern.compile("([0-9a-fA-F]{32})(?:/([0-9]{1,20}))?(?:;o=[0-9])?");
    private static final String ZEROS = "0".repeat(32);

    /** From {@code traceparent}, else {@code X-Cloud-Trace-Context}; null when neither is well formed. */
    public static TraceContext of(String traceparent, String cloudTraceContext) {
        if (traceparent != null && traceparent.length() <= 64) {
            Matcher m = TRACEPARENT.matcher(traceparent.strip());
            if (m.matches() && !m.group(1).equals(ZEROS) && !m.group(2).equals(ZEROS.substring(16))) {
                return new TraceContext(m.group(1), m.group(2));
            }
        }
        if (cloudTraceContext != null && cloudTraceContext.length() <= 64) {
            Matcher m = CLOUD.matcher(cloudTraceContext.strip());
            if (m.matches() && !m.group(1).equals(ZEROS)) {
                String span = null;
                if (m.group(2) != null) {
                    try {
                        span = String.format("%016x", Long.parseUnsignedLong(m.group(2)));
                    } catch (NumberFormatException overflow) {
                        span = null;
                    }
                }
                return new TraceContext(m.group(1).toLowerCase(java.util.Locale.ROOT), span);
            }
        }
        return null;
    }
}
