package dev.beamplayground.migration;

import dev.beamplayground.store.VersionedStore;
import dev.beamplayground.versioning.VersionedObject;
import java.util.List;
import java.util.Optional;

/**
 * A migration that rewrites the objects of one kind while the application keeps serving: it walks the
 * keys in order in batches, changes each object in its own transaction (so it never overwrites a
 * concurrent write with stale data), and checkpoints after every batch in {@code pg_migration_progress}.
 * Killed at any point, the next run resumes after the last checkpoint; an object changed after it is
 * only looked at again, since {@link #change} leaves objects that are already migrated alone.
 */
public abstract class OnlineMigration implements Version {

    /** The kind whose objects this migration walks. */
    protected abstract String kind();

    /**
     * The object as this version wants it, or empty to leave it. Must return empty for an object that
     * is already migrated, and must start from {@code stored} so properties it does not know survive.
     */
    protected abstract Optional<VersionedObject> change(VersionedObject stored, VersionedStore store);

    @Override
    public final MigrationReport migrate(MigrationContext context) {
        VersionedStore store = context.store();
        MigrationProgress progress = store.read(MigrationProgress.KIND, version())
                .map(MigrationProgress::of)
                .orElse(MigrationProgress.start(version()));
        while (true) {
            if (context.pastDeadline()) {
                return new MigrationReport(version(), progress.found(), progress.done(), false);
            }
            List<String> keys = store.keysAfter(kind(), progress.cursor(), context.batchSize());
            if (keys.isEmpty()) {
                return new MigrationReport(version(), progress.found(), progress.done(), true);
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
                    progress.done() + done, context.clock().instant());
            MigrationProgress checkpoint = progress;
            store.write(MigrationProgress.KIND, version(), ignored -> Optional.of(checkpoint.toStored()));
        }
    }
}
