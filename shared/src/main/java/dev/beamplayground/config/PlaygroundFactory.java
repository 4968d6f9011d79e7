package dev.beamplayground.config;

import dev.beamplayground.snippet.SnippetIdGenerator;
import dev.beamplayground.snippet.SnippetService;
import dev.beamplayground.snippet.SnippetValidator;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.store.spi.Backends;
import dev.beamplayground.upgrade.UpgradingStore;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import dev.beamplayground.visit.VisitBuffer;
import java.time.Clock;
import java.util.Optional;

/** Wires the plain domain classes as beans; nothing here runs before a request needs it. */
@Factory
public class PlaygroundFactory {

    /** Without a backend module the selection fails first, naming the backends available (none). */
    @Singleton
    @Bean(preDestroy = "close")
    PlaygroundStore store(BackendSelection backend, BeanProvider<ObjectPinning> pinning) {
        Backends.Selection selection = backend.selection();
        ObjectPinning objects = pinning.get();
        return UpgradingStore.wrap(selection.open(objects.codecs()), objects.autoPin());
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    SnippetService snippetService(PlaygroundStore store, SnippetConfiguration configuration, Clock clock,
                                  Optional<VisitBuffer> visits) {
        return new SnippetService(store, new SnippetValidator(configuration.limits()),
                new SnippetIdGenerator(configuration.getSalt(), configuration.getIdLength()), clock,
                VisitFactory.usable(visits, store).orElse(null));
    }
}
