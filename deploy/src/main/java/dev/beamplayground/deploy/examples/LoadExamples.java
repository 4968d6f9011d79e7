package dev.beamplayground.deploy.examples;

import dev.beamplayground.catalog.CatalogPublisher;
import dev.beamplayground.domain.error.PlaygroundException;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.BackendConfigException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The example loader: {@code LoadExamples <examples directory>}. Reads every example of the directory (see
 * {@link ExampleDirectory}) and replaces the stored catalog with it, through the backend and the catalog cache
 * the functions use (the same configuration: {@code backend.module}/BACKEND_MODULE, ..., {@code redis.uri}/
 * REDIS_URI). Examples that disappeared are deleted; the catalog version is bumped last and published to the
 * cache, so every function serves the new catalog from the next request on. Exit code 0 when done, 1 when the
 * examples are invalid (nothing written), 2 when the configuration is wrong, 3 when a store or cache failed
 * (run it again: a load is idempotent).
 */
public final class LoadExamples {
    private LoadExamples() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: LoadExamples <examples directory>");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0])));
    }

    /** Loads and reports in one line; the exit code as described above. */
    public static int run(Path directory) {
        try (ApplicationContext context = ApplicationContext.run()) {
            CatalogPublisher.Result result = load(context, directory);
            System.out.println("examples loaded from " + directory + ": " + result.written() + " written, "
                    + result.deleted() + " removed, catalog version " + result.version());
            return 0;
        } catch (InvalidExampleException e) {
            System.err.println("examples not loaded: " + e.getMessage());
            return 1;
        } catch (BackendConfigException e) {
            System.err.println("examples not loaded: " + e.getMessage());
            return 2;
        } catch (BeanInstantiationException e) {
            Throwable cause = e.getCause() instanceof BackendConfigException b ? b : e;
            System.err.println("examples not loaded: " + cause.getMessage());
            return 2;
        } catch (PlaygroundException e) {
            System.err.println("examples not loaded: " + e.getMessage() + " (run the load again)");
            return 3;
        } catch (IOException e) {
            System.err.println("examples not loaded: cannot read " + directory + ": " + e.getMessage());
            return 1;
        }
    }

    /** Reads the directory completely before anything is written. */
    public static CatalogPublisher.Result load(ApplicationContext context, Path directory) throws IOException {
        ExampleDirectory.Catalog catalog = ExampleDirectory.read(directory, Instant.now());
        return context.getBean(CatalogPublisher.class).publish(catalog.examples(), catalog.datasets(), catalog.defaults());
    }

    /** For the local run: loads only into a store that was never loaded. @return whether it loaded */
    public static boolean loadIfNeverLoaded(Path directory) throws IOException {
        try (ApplicationContext context = ApplicationContext.run()) {
            if (context.getBean(PlaygroundStore.class).catalogVersion() > 0) {
                return false;
            }
            CatalogPublisher.Result result = load(context, directory);
            System.out.println("examples loaded from " + directory + ": " + result.written() + " (catalog version "
                    + result.version() + ")");
            return true;
        }
    }
}
