package dev.beamplayground.pipeline.memory;

import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.pipeline.Appended;
import dev.beamplayground.pipeline.CancelMark;
import dev.beamplayground.pipeline.CancelWatch;
import dev.beamplayground.pipeline.Output;
import dev.beamplayground.pipeline.OutputLimits;
import dev.beamplayground.pipeline.OutputPage;
import dev.beamplayground.pipeline.PipelineState;
import dev.beamplayground.pipeline.PipelineStatus;
import dev.beamplayground.pipeline.PipelineStore;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.pipeline.Utf8Pages;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pipeline state in this process: the embedded default when no Redis is configured (a local run),
 * as Beam's local cache mode. Same rules as the Redis store: expiry after the last write, appends and
 * reads that cost the bytes they move, one cancel however often it is recorded.
 */
public final class InMemoryPipelineStore implements PipelineStore, AutoCloseable {
    private final Map<PipelineUuid, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final OutputLimits limits;
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pipeline-cancel-watcher");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant nextSweep = Instant.MIN;

    public InMemoryPipelineStore(Clock clock, Duration ttl) {
        this(clock, ttl, OutputLimits.DEFAULT);
    }

    /** @param limits bytes an output and a pipeline may keep */
    public InMemoryPipelineStore(Clock clock, Duration ttl, OutputLimits limits) {
        this.clock = clock;
        this.ttl = ttl;
        this.limits = limits;
    }

    @Override
    public Optional<PipelineState> state(PipelineUuid uuid) {
        return live(uuid).map(e -> {
            synchronized (e) {
                return new PipelineState(e.status, e.canceled);
            }
        });
    }

    @Override
    public void setStatus(PipelineUuid uuid, PipelineStatus status) {
        write(uuid, e -> e.status = status);
    }

    /** As the Redis store's script: the same cut, marker and counts. */
    @Override
    public Appended append(PipelineUuid uuid, Output output, String text) {
        Appended[] result = new Appended[1];
        write(uuid, e -> result[0] = e.append(output, text.getBytes(StandardCharsets.UTF_8), limits));
        return result[0];
    }

    @Override
    public void put(PipelineUuid uuid, Output output, String text) {
        write(uuid, e -> {
            Bytes bytes = new Bytes();
            bytes.append(limits.boundWhole(text).getBytes(StandardCharsets.UTF_8));
            e.outputs.put(output, bytes);
        });
    }

    @Override
    public Optional<OutputPage> read(PipelineUuid uuid, Output output, long offset, int maxBytes) {
        return live(uuid).map(e -> {
            synchronized (e) {
                Bytes bytes = e.output(output);
                if (offset > bytes.length) {
                    throw new InvalidArgumentException("offset " + offset + " is past the end of the output ("
                            + bytes.length + " bytes)");
                }
                return Utf8Pages.page(bytes.data, bytes.length, (int) offset, maxBytes);
            }
        });
    }

    @Override
    public Optional<OutputPage> readRunOutputSinceLastCall(PipelineUuid uuid, int maxBytes) {
        return live(uuid).map(e -> {
            synchronized (e) {
                Bytes bytes = e.output(Output.RUN_OUTPUT);
                OutputPage page = Utf8Pages.page(bytes.data, bytes.length,
                        (int) Math.min(e.runOutputIndex, bytes.length), maxBytes);
                e.runOutputIndex = page.nextOffset();
                return page;
            }
        });
    }

    @Override
    public CancelMark markCanceled(PipelineUuid uuid) {
        Optional<Entry> entry = live(uuid);
        if (entry.isEmpty()) {
            return CancelMark.UNKNOWN_PIPELINE;
        }
        Entry e = entry.get();
        List<Watch> toTell;
        synchronized (e) {
            if (e.canceled) {
                return CancelMark.ALREADY_MARKED;
            }
            e.canceled = true;
            e.expiresAt = clock.instant().plus(ttl);
            toTell = new ArrayList<>(e.watches);
        }
        toTell.forEach(w -> callbacks.execute(w::fire));
        return CancelMark.MARKED;
    }

    @Override
    public CancelWatch watchCancel(PipelineUuid uuid, Runnable onCancel) {
        Entry e = entries.computeIfAbsent(uuid, u -> new Entry(clock.instant().plus(ttl)));
        Watch watch = new Watch(e, onCancel);
        boolean canceled;
        synchronized (e) {
            e.watches.add(watch);
            canceled = e.canceled;
        }
        if (canceled) {
            callbacks.execute(watch::fire);
        }
        return watch;
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }

    private interface Change {
        void apply(Entry entry);
    }

    private void write(PipelineUuid uuid, Change change) {
        sweep();
        Instant now = clock.instant();
        Entry e = entries.compute(uuid, (u, old) -> old == null || old.expired(now) ? new Entry(now.plus(ttl)) : old);
        synchronized (e) {
            change.apply(e);
            e.exists = true;
            e.expiresAt = now.plus(ttl);
        }
    }

    private Optional<Entry> live(PipelineUuid uuid) {
        Entry e = entries.get(uuid);
        if (e == null) {
            return Optional.empty();
        }
        synchronized (e) {
            if (e.expired(clock.instant())) {
                entries.remove(uuid, e);
                return Optional.empty();
            }
            return e.exists ? Optional.of(e) : Optional.empty();
        }
    }

    /** Drops expired pipelines now and then, so a long local run does not keep them all. */
    private void sweep() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plusSeconds(60);
        entries.entrySet().removeIf(en -> {
            synchronized (en.getValue()) {
                return en.getValue().expired(now) && en.getValue().watches.isEmpty();
            }
        });
    }

    private static final class Entry {
        PipelineStatus status = PipelineStatus.STATUS_UNSPECIFIED;
        boolean canceled;
        boolean exists; // false for an entry made only to hold a watch before the runner's first write
        long runOutputIndex;
        Instant expiresAt;
        final Map<Output, Bytes> outputs = new EnumMap<>(Output.class);
        /** Bytes dropped per output once it was cut. */
        final Map<Output, Long> dropped = new EnumMap<>(Output.class);
        /** Bytes appended and stored over all outputs. */
        long appendedBytes;
        final List<Watch> watches = new ArrayList<>();

        Appended append(Output output, byte[] text, OutputLimits limits) {
            Bytes bytes = output(output);
            Long before = dropped.get(output);
            if (before != null) {
                long now = before + text.length;
                dropped.put(output, now);
                return new Appended(bytes.length, now);
            }
            long outputRoom = limits.perOutput() - bytes.length;
            long pipelineRoom = limits.perPipeline() - appendedBytes;
            long room = Math.min(outputRoom, pipelineRoom);
            byte[] stored = text;
            long cutOff = 0;
            if (text.length > room) {
                int cut = (int) Math.max(room, 0);
                while (cut > 0 && (text[cut] & 0xC0) == 0x80) {
                    cut--;
                }
                String marker = pipelineRoom < outputRoom ? limits.pipelineMarker() : limits.outputMarker();
                byte last = cut > 0 ? text[cut - 1] : bytes.length > 0 ? bytes.data[bytes.length - 1] : (byte) '\n';
                if (last != '\n') {
                    marker = "\n" + marker;
                }
                byte[] tail = marker.getBytes(StandardCharsets.UTF_8);
                stored = Arrays.copyOf(text, cut + tail.length);
                System.arraycopy(tail, 0, stored, cut, tail.length);
                cutOff = text.length - cut;
                dropped.put(output, cutOff);
            }
            appendedBytes += stored.length;
            return new Appended(bytes.append(stored), cutOff);
        }

        Entry(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }

        boolean expired(Instant now) {
            return exists && !now.isBefore(expiresAt);
        }

        Bytes output(Output output) {
            return outputs.computeIfAbsent(output, o -> new Bytes());
        }
    }

    /** A growable byte array: an append copies the new bytes (and, amortized, O(1) per byte on growth). */
    private static final class Bytes {
        byte[] data = new byte[0];
        int length;

        long append(byte[] more) {
            if (length + more.length > data.length) {
                data = Arrays.copyOf(data, Math.max(length + more.length, Math.max(64, data.length * 2)));
            }
            System.arraycopy(more, 0, data, length, more.length);
            length += more.length;
            return length;
        }
    }

    private final class Watch implements CancelWatch {
        private final Entry entry;
        private final Runnable onCancel;
        private final AtomicBoolean done = new AtomicBoolean();

        Watch(Entry entry, Runnable onCancel) {
            this.entry = entry;
            this.onCancel = onCancel;
        }

        void fire() {
            if (done.compareAndSet(false, true)) {
                remove();
                onCancel.run();
            }
        }

        @Override
        public void close() {
            done.set(true);
            remove();
        }

        private void remove() {
            synchronized (entry) {
                entry.watches.remove(this);
            }
        }
    }
}
