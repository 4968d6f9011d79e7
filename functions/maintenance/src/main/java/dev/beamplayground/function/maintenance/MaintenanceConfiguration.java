package dev.beamplayground.function.maintenance;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code maintenance.*}: how stale a user snippet is before it goes, batch size, time budget of a run. */
@ConfigurationProperties(MaintenanceConfiguration.PREFIX)
public class MaintenanceConfiguration {
    public static final String PREFIX = "maintenance";
    /** Beam Playground removes user snippets not visited for 100 days. */
    public static final int DEFAULT_STALE_AFTER_DAYS = 100;
    /** Objects per batch: one Datastore query page, and checkpoints a few seconds apart. */
    public static final int DEFAULT_BATCH_SIZE = 200;
    /** Stops starting batches after 8 minutes, inside the 9-minute limit of an event-driven function. */
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofMinutes(8);

    /** Default {@value #DEFAULT_STALE_AFTER_DAYS}. */
    private int staleAfterDays = DEFAULT_STALE_AFTER_DAYS;
    /** Default {@value #DEFAULT_BATCH_SIZE}. */
    private int batchSize = DEFAULT_BATCH_SIZE;
    /** Default 8 minutes. */
    private Duration timeBudget = DEFAULT_TIME_BUDGET;

    public int getStaleAfterDays() {
        return staleAfterDays;
    }

    public void setStaleAfterDays(int staleAfterDays) {
        this.staleAfterDays = staleAfterDays;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getTimeBudget() {
        return timeBudget;
    }

    public void setTimeBudget(Duration timeBudget) {
        this.timeBudget = timeBudget;
    }
}
