package dev.beamplayground.function.maintenance;

import dev.beamplayground.maintenance.MaintenanceService;
import dev.beamplayground.migration.MigrationRunner;
import dev.beamplayground.migration.Migrations;
import dev.beamplayground.store.PlaygroundStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The maintenance service from its configuration and the shared store. */
@Factory
class MaintenanceFactory {

    @Singleton
    MaintenanceService maintenanceService(PlaygroundStore store, MaintenanceConfiguration configuration, Clock clock) {
        return new MaintenanceService(store, new MigrationRunner(Migrations.all()),
                new MaintenanceService.Settings(Duration.ofDays(configuration.getStaleAfterDays()),
                        configuration.getBatchSize(), configuration.getTimeBudget()),
                clock);
    }
}
