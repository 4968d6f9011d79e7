package dev.beamplayground.edge;

import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the store of a function that has one while the instance starts, on a daemon thread, so the first
 * request finds the backend's client made (or being made) instead of making all of it. A function without a
 * backend module in its jar (pipeline output, cancel) starts nothing.
 */
final class StoreWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWarmUp.class);

    private StoreWarmUp() {
    }

    static void start(ApplicationContext context) {
        if (Backends.available().isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> run(context), "store-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(ApplicationContext context) {
        try {
            context.getBean(PlaygroundStore.class).warmUp();
        } catch (RuntimeException e) {
            // The first request that needs the store meets the same failure and answers with it.
            LOG.warn("the store could not be prepared at start: {}", e.getMessage());
        }
    }
}
