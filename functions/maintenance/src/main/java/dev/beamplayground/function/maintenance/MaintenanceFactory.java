package dev.beamplayground.function.maintenance;

import dev.beamplayground.config.ObjectPinning;
import dev.beamplayground.config.VisitFactory;
import dev.beamplayground.maintenance.MaintenanceService;
import dev.beamplayground.migration.MigrationRunner;
import dev.beamplayground.migration.Migrations;
import dev.beamplayground.store.PlaygroundStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import dev.beamplayground.visit.VisitBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The maintenance service from its configuration, the shared store, the visit buffer (with Redis) and this
 * instance's place in the instance registry (the migration gate, the removal of silent instances).
 */
@Factory
class MaintenanceFactory {

    @Singleton
    MaintenanceService maintenanceService(PlaygroundStore store, MaintenanceConfiguration configuration, Clock clock,
                                          Optional<VisitBuffer> visits, ObjectPinning pinning) {
        return new MaintenanceService(store, new MigrationRunner(Migrations.all()),
                new MaintenanceService.Settings(Duration.ofDays(configuration.getStaleAfterDays()),
                        configuration.getBatchSize(), configuration.getTimeBudget()),
                clock, VisitFactory.usable(visits, store).orElse(null), pinning.autoPin());
    }
}
