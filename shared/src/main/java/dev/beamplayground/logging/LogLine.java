package dev.beamplayground.logging;

import java.time.Instant;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * One log event, ready to be written.
 *
 * @param caller the frame that called the logger (for Cloud Logging's sourceLocation), or null
 * @param mdc    the request's context (trace, span, method), never null
 */
record LogLine(Instant time, Level level, String logger, String message, Throwable thrown,
               StackWalker.StackFrame caller, Map<String, String> mdc) {
}
