package dev.beamplayground.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the functions: a handful of classes at a cold start (logback costs about 600 and an XML
 * parser), JSON written by Gson, which the functions carry anyway. The tests log through it too, so they see the
 * lines the functions really write.
 */
public final class PlaygroundLogging implements SLF4JServiceProvider {
    private ILoggerFactory loggers;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        loggers = new LineLoggerFactory();
    }

    /**
     * Sends what is logged through java.util.logging (the Functions Framework invoker reports a function's failure
     * there) to the same lines, so that structured logs hold it too. Called once by each entry class.
     */
    public static void bridgeJavaUtilLogging() {
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
    }
}
