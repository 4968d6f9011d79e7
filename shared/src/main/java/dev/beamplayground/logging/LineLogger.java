package dev.beamplayground.logging;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger writing one {@link LogFormat} line per event to the sink its factory gives. */
final class LineLogger extends LegacyAbstractLogger {
    private static final Set<String> SKIPPED = Set.of(LineLogger.class.getName(),
            "org.slf4j.helpers.AbstractLogger", "org.slf4j.helpers.LegacyAbstractLogger",
            "org.slf4j.bridge.SLF4JBridgeHandler", "java.util.logging.Logger");
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final transient LineLoggerFactory factory;
    private final transient Clock clock;

    LineLogger(String name, LineLoggerFactory factory, Clock clock) {
        this.name = name;
        this.factory = factory;
        this.clock = clock;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= factory.threshold().toInt();
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable thrown) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        StackWalker.StackFrame caller = factory.json() ? WALKER.walk(frames -> frames
                .filter(f -> !SKIPPED.contains(f.getClassName()) && !f.getClassName().startsWith("java.util.logging."))
                .findFirst().orElse(null)) : null;
        factory.write(new LogLine(clock.instant(), level, name, message, thrown, caller, mdc == null ? Map.of() : mdc));
    }
}
