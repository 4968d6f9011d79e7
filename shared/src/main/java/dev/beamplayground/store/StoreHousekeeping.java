package dev.beamplayground.store;

import java.time.Clock;

/**
 * Optional role of a backend with upkeep of its own storage, run by the maintenance function after the
 * migrations and the stale-snippet cleanup (the event backend trims its log). Backends without such work
 * do not implement it.
 */
public interface StoreHousekeeping {

    /**
     * Does one round of upkeep, bounded in time by the backend.
     *
     * @return one line saying what was done, for the maintenance log (no user data in it)
     */
    String housekeep(Clock clock);
}
