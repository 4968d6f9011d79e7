package dev.beamplayground.migration;

import dev.beamplayground.store.VersionedStore;
import dev.beamplayground.versioning.ObjectVersion;
import dev.beamplayground.versioning.VersionedObject;
import java.util.List;
import java.util.Optional;

/**
 * A migration that rewrites the objects of one kind while the application keeps serving: it walks the
 * keys in order in batches, changes each object in its own transaction (so it never overwrites a
 * concurrent write with stale data), and checkpoints after every batch in {@code pg_migration_progress}.
 * Killed at any point, the next run resumes after the last checkpoint; an object changed after it is
 * only looked at again, since {@link #change} leaves objects that are already migrated alone.
 *
 * <p>It walks the kind again until a whole pass changes nothing (Nova's online data migrations run
 * until they find nothing): a pass proves that no writer left an object behind.
 *
 * <p>A migration with a {@link #target()} brings its kind to that object version. It starts, and goes on
 * with each batch, only while no live instance writes the kind below it (the {@link MigrationGate});
 * otherwise it reports {@code waiting}. Before its first change it records the target as the kind's
 * floor, so that an instance of an older release that starts later refuses to write the kind.
 */
public abstract class OnlineMigration implements Version {

    /** The kind whose objects this migration walks. */
    protected abstract String kind();

    /** The object version this migration brings {@link #kind()} to, or empty when it changes no version. */
    protected Optional<ObjectVersion> target() {
        return Optional.empty();
    }

    /**
     * The object as this version wants it, or empty to leave it. Must return empty for an object that
     * is already migrated, and must start from {@code stored} so properties it does not know survive.
     */
    protected abstract Optional<VersionedObject> change(VersionedObject stored, VersionedStore store);

    @Override
    public final MigrationReport migrate(MigrationContext context) {
        VersionedStore store = context.store();
        Optional<VersionedObject> record = store.read(MigrationProgress.KIND, version());
        MigrationProgress progress = record.map(MigrationProgress::of).orElse(MigrationProgress.start(version()));
        while (true) {
            if (context.pastDeadline()) {
                return new MigrationReport(version(), progress.found(), progress.done(), false);
            }
            if (target().isPresent()) {
                List<MigrationGate.Blocker> blockers = context.gate().blockers(kind(), target().get());
                if (!blockers.isEmpty()) {
                    return new MigrationReport(version(), progress.found(), progress.done(), false, blockers);
                }
                if (progress.floor() == null) {
                    progress = new MigrationProgress(version(), progress.cursor(), progress.found(), progress.done(),
                            progress.passChanged(), context.clock().instant(), kind(), target().get());
                    checkpoint(store, progress);
                }
            }
            List<String> keys = store.keysAfter(kind(), progress.cursor(), context.batchSize());
            if (keys.isEmpty()) {
                if (progress.passChanged() == 0) {
                    return new MigrationReport(version(), progress.found(), progress.done(), true);
                }
                // Another pass: it ends the migration when it finds nothing left to change.
                progress = new MigrationProgress(version(), "", progress.found(), progress.done(), 0,
                        context.clock().instant(), progress.floorKind(), progress.floor());
                checkpoint(store, progress);
                continue;
            }
            long done = 0;
            for (String key : keys) {
                boolean[] changed = {false};
                store.write(kind(), key, current -> {
                    changed[0] = false; // the change may run again on contention
                    Optional<VersionedObject> next = current.flatMap(o -> change(o, store));
                    changed[0] = next.isPresent();
                    return next;
                });
                if (changed[0]) {
                    done++;
                }
                context.listener().objectFinished(version(), key, changed[0]);
            }
            progress = new MigrationProgress(version(), keys.get(keys.size() - 1), progress.found() + keys.size(),
                    progress.done() + done, progress.passChanged() + done, context.clock().instant(),
                    progress.floorKind(), progress.floor());
            checkpoint(store, progress);
        }
    }

    private static void checkpoint(VersionedStore store, MigrationProgress progress) {
        store.write(MigrationProgress.KIND, progress.version(), stored -> Optional.of(
                progress.toStored(stored.map(VersionedObject::properties)
                        .orElse(dev.beamplayground.versioning.PropertyBag.EMPTY))));
    }
}
