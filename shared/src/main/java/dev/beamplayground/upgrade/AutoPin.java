package dev.beamplayground.upgrade;

import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.migration.MigrationGate;
import dev.beamplayground.migration.MigrationProgress;
import dev.beamplayground.request.AfterAnswer;
import dev.beamplayground.store.VersionedStore;
import dev.beamplayground.versioning.Codecs;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.WritePins;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's part in a rolling upgrade, after Nova's service versions and "auto" upgrade levels:
 * <ul>
 * <li>it records itself in the instance registry (release, the versions it can write, those it writes),
 *     piggy-backed on its store traffic: {@link #refreshIfDue()} runs before a store call, and does
 *     something at most once per interval;</li>
 * <li>at the same time it computes the automatic pin: per kind, the lowest version any other live
 *     instance can write (never above its own), used until the next refresh;</li>
 * <li>it reads the floors finished migrations recorded ({@link MigrationProgress#floors}) and stops
 *     writing a kind whose floor is above what its code writes (then it does not register either);</li>
 * <li>it writes only while its registration is fresh: silent for longer than the grace period (a stalled
 *     process), it must report again first, and with that learns of a migration that passed meanwhile.</li>
 * </ul>
 * A read that answers a user needs no pin, so the instance's first report may wait until that answer is written
 * ({@link #reportAfterRead()}): at a cold start that report (the registry's reads and its write) took about
 * 200 ms in front of get-catalog's first store read, and beside it on one CPU still took CPU from it. Every other
 * call waits for that report first, and makes it itself if it has not started.
 */
public final class AutoPin implements WritePins {
    private static final Logger LOG = LoggerFactory.getLogger(AutoPin.class);
    private final Codecs base;
    private final UpgradeSettings settings;
    private final Clock clock;
    private final String id = UUID.randomUUID().toString();
    private volatile VersionedStore store;
    private volatile State state;
    private Instant started;
    /** The first report set off by a read; guarded by itself, apart from the monitor refresh holds. */
    private final Object firstLock = new Object();
    private FutureTask<Void> first;

    /**
     * What the last refresh computed.
     *
     * @param pins      per kind, the version below this code's own that the other live instances allow
     * @param fenced    per kind, the floor above what this code writes: it must not write the kind
     * @param refreshed when
     */
    private record State(Map<String, ObjectVersion> pins, Map<String, ObjectVersion> fenced, Instant refreshed) {
    }

    /**
     * @param base     this code's codecs with the operator's explicit pins (they win over the automatic one)
     * @param settings release, interval and grace period
     * @param clock    the time of heartbeats
     */
    public AutoPin(Codecs base, UpgradeSettings settings, Clock clock) {
        this.base = Objects.requireNonNull(base, "base");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The store the registry lives in: the one opened with {@link #codecs()}, unwrapped. */
    public void attach(VersionedStore rawStore) {
        this.store = Objects.requireNonNull(rawStore, "rawStore");
    }

    /** The codecs writers use: the explicit pins, else this automatic pin. */
    public Codecs codecs() {
        return base.autoPinned(this);
    }

    public String instanceId() {
        return id;
    }

    public UpgradeSettings settings() {
        return settings;
    }

    @Override
    public Optional<ObjectVersion> pin(String kind) {
        State s = state;
        if (s == null) {
            // Asked before the first store call (which reports first, outside its transactions): that is
            // outside a transaction too, so report now (unless the report a read set off succeeds).
            awaitFirst();
            if (state == null) {
                refresh();
            }
            s = state;
        }
        ObjectVersion floor = s.fenced().get(kind);
        if (floor != null) {
            throw new OutdatedReleaseException(kind + " has been migrated to " + floor + "; release "
                    + settings.release() + " writes " + base.forKind(kind).orElseThrow().version()
                    + " and must not write it any more");
        }
        if (clock.instant().isAfter(s.refreshed().plus(settings.grace()))) {
            throw new OutdatedReleaseException("this instance has not reported for longer than the grace period; "
                    + "it writes again after it has");
        }
        return Optional.ofNullable(s.pins().get(kind));
    }

    /** Reports and recomputes the pin if the last time is an interval ago (or never was). Outside any transaction. */
    public void refreshIfDue() {
        if (state == null) {
            awaitFirst();
        }
        State s = state;
        if (s != null && clock.instant().isBefore(s.refreshed().plus(settings.interval()))) {
            return;
        }
        synchronized (this) {
            s = state;
            if (s == null || !clock.instant().isBefore(s.refreshed().plus(settings.interval()))) {
                refresh();
            }
        }
    }

    /**
     * Before a store call that only reads: the read goes ahead, and the first report (again, if an earlier one
     * failed) starts on a thread of its own once the request's answer is written ({@link AfterAnswer}); later
     * reports are due as for any call. A failed first report is not the read's failure: the next call reports
     * again, and a write waits for that.
     */
    public void reportAfterRead() {
        if (state != null) {
            refreshIfDue();
            return;
        }
        synchronized (firstLock) {
            if (state == null && (first == null || first.isDone())) {
                FutureTask<Void> report = new FutureTask<>(this::refresh, null);
                first = report;
                AfterAnswer.start(() -> {
                    Thread t = new Thread(() -> {
                        if (!report.isDone()) { // else a call that needed it made it, and met its failure itself
                            report.run();
                            warnIfFailed(report);
                        }
                    }, "instance-report");
                    t.setDaemon(true);
                    t.start();
                });
            }
        }
    }

    /**
     * The store closes: a first report not yet made is not made, and one under way ends without a warning (a tool
     * that closes right after a read, like the local run's check for a loaded catalog, would log its failure).
     */
    public void storeClosing() {
        synchronized (firstLock) {
            if (first != null) {
                first.cancel(false);
            }
        }
    }

    private static void warnIfFailed(FutureTask<Void> report) {
        try {
            report.get();
        } catch (ExecutionException e) {
            LOG.warn("the instance's first report to the registry failed; the next store call reports again: {}",
                    e.getCause().toString());
        } catch (InterruptedException | CancellationException e) {
            // the instance is stopping
        }
    }

    /**
     * Waits for the first report a read set off, making it here if it has not started (its thread waits for the
     * answer of the request this call may be part of); its failure is the caller's to meet when it reports itself.
     */
    private void awaitFirst() {
        FutureTask<Void> report;
        synchronized (firstLock) {
            report = first;
        }
        if (report != null) {
            report.run(); // nothing when it has started or is done
            try {
                report.get();
            } catch (ExecutionException | CancellationException e) {
                // reported again by the caller
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reports and recomputes now: before the migration gate looks at the registry. */
    public synchronized void refresh() {
        VersionedStore on = Objects.requireNonNull(store, "attach the store first");
        Instant now = clock.instant();
        if (started == null) {
            started = now;
        }
        InstanceRegistry registry = new InstanceRegistry(on);
        Map<String, ObjectVersion> floors = MigrationProgress.floors(on);
        Map<String, ObjectVersion> own = base.ownVersions();
        Map<String, ObjectVersion> fenced = new TreeMap<>();
        floors.forEach((kind, floor) -> {
            ObjectVersion mine = own.get(kind);
            if (mine != null && mine.isBefore(floor)) {
                fenced.put(kind, floor);
            }
        });
        Map<String, ObjectVersion> pins = new TreeMap<>();
        for (InstanceEntry other : registry.live(now, settings)) {
            if (other.id().equals(id)) {
                continue;
            }
            other.canWrite().forEach((kind, text) -> {
                ObjectVersion theirs = parse(text);
                ObjectVersion mine = own.get(kind);
                ObjectVersion floor = floors.get(kind);
                // An instance below a floor is fenced: it writes nothing of the kind, so it holds no pin down.
                if (theirs != null && mine != null && theirs.isBefore(mine) && (floor == null || !theirs.isBefore(floor))) {
                    pins.merge(kind, theirs, (a, b) -> a.isBefore(b) ? a : b);
                }
            });
        }
        if (fenced.isEmpty()) {
            Codecs effective = base.autoPinned(kind -> Optional.ofNullable(pins.get(kind)));
            Map<String, String> canWrite = new TreeMap<>();
            Map<String, String> writes = new TreeMap<>();
            own.forEach((kind, version) -> {
                canWrite.put(kind, version.toString());
                writes.put(kind, effective.writeVersion(kind).toString());
            });
            registry.record(new InstanceEntry(id, settings.release(), canWrite, writes, started, now));
        }
        state = new State(Map.copyOf(pins), Map.copyOf(fenced), now);
    }

    /**
     * The migration gate over the registry: the live instances (this one just reported) that write the
     * kind below the target.
     */
    public MigrationGate gate() {
        return (kind, target) -> {
            refresh();
            Instant now = clock.instant();
            return new InstanceRegistry(store).live(now, settings).stream()
                    .filter(e -> Optional.ofNullable(parse(e.writes().get(kind))).map(v -> v.isBefore(target)).orElse(false))
                    .map(e -> new MigrationGate.Blocker(printable(e.release()), parse(e.writes().get(kind)),
                            parse(e.canWrite().get(kind)), Duration.between(e.started(), now)))
                    .toList();
        };
    }

    /** Maintenance: removes the entries of instances silent for longer than the grace period. */
    public int removeSilentInstances() {
        return new InstanceRegistry(Objects.requireNonNull(store, "attach the store first"))
                .removeSilent(clock.instant(), settings);
    }

    /** The pins of the last refresh (for reports and tests). */
    public Map<String, ObjectVersion> currentPins() {
        State s = state;
        return s == null ? Map.of() : s.pins();
    }

    private static ObjectVersion parse(String text) {
        try {
            return text == null ? null : ObjectVersion.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Releases come from other instances' entries: one short printable token in reports and logs. */
    private static String printable(String release) {
        String clean = release.replaceAll("[^\\x21-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
