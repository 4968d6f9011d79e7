package dev.beamplayground.catalog;

import dev.beamplayground.domain.Sdk;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where serialized catalogs are shared between function instances, and where the loader announces a new
 * catalog version. Every cached value is tagged with the catalog version it was built from, and a reader
 * only takes a value whose tag equals the published version: a cache can be missing or unreachable, but
 * never answers with a catalog older than the last completed load.
 */
public interface CatalogCache {

    /**
     * What the cache says about the current catalog version, as of some moment no earlier than every load that
     * completed before this call.
     */
    Probe probe();

    /** What the cache says now, from a read that starts after this call (for writers that compare and set). */
    default Probe freshProbe() {
        return probe();
    }

    /** The cached catalog of exactly this version; empty when absent, of another version, or unreachable. */
    Optional<Entry> read(long version);

    /**
     * One attempt to become the builder of {@code version}'s entry: at most one instance holds the turn for a
     * version at a time, for a lease that ends by itself when its holder dies. Every turn carries a fencing token
     * higher than any given before, so a holder whose lease ran out cannot overwrite its successor's entry.
     */
    Turn takeTurn(long version, TurnMode mode);

    /** Ends a turn that is still this token's (a successor's turn is left alone). */
    void endTurn(long version, long token);

    /**
     * Stores a catalog built from the store at {@code version} with the token of a turn (0 without one); with
     * {@code claim}, also publishes that version if no version is published (the cache was emptied). The entry is
     * refused when a newer token or a newer version was written since. Failures are logged, not thrown: the
     * answer was already built.
     */
    Written write(long version, Entry entry, long token, boolean claim);

    /** The loader starts writing: readers go to the store until {@link #publish}. Throws when unreachable. */
    void beginLoad();

    /** The loader finished: {@code version} is the catalog version. Throws when unreachable. */
    void publish(long version);

    /**
     * Publishes {@code version} only if the cache still says what {@code seen} said (a published version, or
     * nothing): never over a load that began meanwhile. Throws when unreachable.
     *
     * @return whether it was published
     */
    boolean publishIfUnchanged(Probe seen, long version);

    /**
     * @param examples the GetPrecompiledObjects answer for all SDKs (EXAMPLES_CATALOG)
     * @param sdks     the SDKs and their default example names as JSON (SDKS_CATALOG); may be empty when read
     * @param defaults the GetDefaultPrecompiledObject answer per SDK that has a default (DEFAULT_PRECOMPILED_OBJECTS)
     */
    record Entry(byte[] examples, String sdks, Map<Sdk, byte[]> defaults) {
        public Entry {
            Objects.requireNonNull(examples, "examples");
            Objects.requireNonNull(sdks, "sdks");
            defaults = Map.copyOf(defaults);
        }
    }

    /** How a turn is asked for. */
    enum TurnMode {
        /** A reader that misses: no turn when the version's entry is already there ({@link Turn.Kind#READY}). */
        READ,
        /** A reader that also has to publish the version (nothing is published): READY only when both are there. */
        CLAIM,
        /** A writer that builds in any case (the loader, the sync): takes the turn over from any holder. */
        FORCE
    }

    /** The answer to {@link #takeTurn}. */
    record Turn(Kind kind, long token) {
        public static final Turn READY = new Turn(Kind.READY, 0);
        public static final Turn HELD = new Turn(Kind.HELD, 0);
        public static final Turn NO_LOCK = new Turn(Kind.NO_LOCK, 0);

        public static Turn mine(long token) {
            return new Turn(Kind.MINE, token);
        }

        public enum Kind {
            /** The entry asked for is there: read it. */
            READY,
            /** Another instance is building it now. */
            HELD,
            /** This caller builds it, with {@link #token()}, and ends the turn. */
            MINE,
            /** No shared lock (no shared cache, or it cannot be reached): build without one. */
            NO_LOCK
        }
    }

    /** The outcome of {@link #write}. */
    enum Written {
        STORED,
        /** A newer token or version was written since: this builder's lease had run out. */
        REFUSED,
        /** Nothing shared was written (no shared cache, or it failed). */
        NOT_STORED
    }

    /** The published version, or why the store has to be asked instead. */
    record Probe(State state, long version) {
        public static final Probe ABSENT = new Probe(State.ABSENT, 0);
        public static final Probe LOADING = new Probe(State.LOADING, 0);
        public static final Probe UNAVAILABLE = new Probe(State.UNAVAILABLE, 0);
        public static final Probe NO_SHARED_CACHE = new Probe(State.NO_SHARED_CACHE, 0);

        public static Probe published(long version) {
            return new Probe(State.PUBLISHED, version);
        }
    }

    enum State {
        /** The loader published this version; values tagged with it are current. */
        PUBLISHED,
        /** Nothing published (the cache was emptied): build from the store and claim its version. */
        ABSENT,
        /** A load is under way: the store is the only truth until it ends. */
        LOADING,
        /** The cache cannot be reached now. */
        UNAVAILABLE,
        /** There is no shared cache: only this process's memory, checked against the store's version. */
        NO_SHARED_CACHE
    }
}
