package dev.beamplayground.upgrade;

import dev.beamplayground.domain.InstanceEntry;
import dev.beamplayground.store.VersionedStore;
import dev.beamplayground.versioning.ObjectCodec;
import dev.beamplayground.versioning.UnreadableVersionException;
import dev.beamplayground.versioning.VersionedObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instance registry ({@code pg_instances}) on a store: every instance writes its own entry, everyone
 * reads all of them. Entries are few (one per running instance), read in pages and bounded.
 */
public final class InstanceRegistry {
    /** More entries than this are not read: the registry of a runaway deployment stays cheap to read. */
    static final int MAX_ENTRIES = 5_000;
    private static final int PAGE = 200;

    private final VersionedStore store;
    private final ObjectCodec<InstanceEntry> codec;

    public InstanceRegistry(VersionedStore store) {
        this.store = store;
        this.codec = store.codecs().instances();
    }

    /**
     * Writes the entry, replacing the instance's previous one: only the instance itself writes its entry
     * (maintenance removes it only while silent, checked in its own transaction), so nothing is read first.
     */
    public void record(InstanceEntry entry) {
        store.replace(codec.write(entry.id(), entry, codec.version()));
    }

    /** Every entry, also silent ones; entries this code cannot read (a later major) are skipped. */
    public List<InstanceEntry> all() {
        List<InstanceEntry> out = new ArrayList<>();
        // A page of entries per store call: every start and heartbeat reads the registry, one read per entry would
        // make that as many store calls as instances.
        store.scan(InstanceEntry.KIND, PAGE, o -> {
            decode(o).ifPresent(out::add);
            return out.size() < MAX_ENTRIES;
        });
        return out;
    }

    /** The entries that reported within the grace period before {@code now}. */
    public List<InstanceEntry> live(Instant now, UpgradeSettings settings) {
        Instant cutoff = now.minus(settings.grace());
        return all().stream().filter(e -> !e.beat().isBefore(cutoff)).toList();
    }

    /** Removes the entries silent for longer than the grace period (maintenance). @return how many */
    public int removeSilent(Instant now, UpgradeSettings settings) {
        Instant cutoff = now.minus(settings.grace());
        List<String> silent = all().stream().filter(e -> e.beat().isBefore(cutoff)).map(InstanceEntry::id).toList();
        // Each removed only if still silent when it is deleted: an instance that reported meanwhile stays.
        return store.deleteAllIf(InstanceEntry.KIND, silent,
                o -> decode(o).map(again -> again.beat().isBefore(cutoff)).orElse(true)).size();
    }

    private Optional<InstanceEntry> decode(VersionedObject o) {
        try {
            return Optional.of(codec.read(o));
        } catch (UnreadableVersionException e) {
            return Optional.empty();
        }
    }
}
