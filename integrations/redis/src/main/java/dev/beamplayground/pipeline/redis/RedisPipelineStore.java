package dev.beamplayground.pipeline.redis;

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
import dev.beamplayground.redis.RedisConnections;
import dev.beamplayground.redis.ScriptRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Pipeline state in Redis (layout in {@link PipelineKeys}), each operation one script call. The
 * connections are the shared ones, asked for on every call so that connections that could not be
 * made at first are tried again on the next request.
 */
public final class RedisPipelineStore implements PipelineStore, AutoCloseable {
    private final ScriptRunner scripts;
    private final OutputLimits limits;
    private final String ttlMillis;
    private final RedisCancelWatcher watcher;

    /**
     * @param connections       the shared connections (resolved lazily; the cancel subscription on the first watch)
     * @param ttl               expiry of all of a pipeline's keys after its last write
     * @param cancelPollPeriod  how often a watcher also asks, in case a notification was lost
     * @param maxReconnectDelay the longest wait between attempts to subscribe again after a lost connection
     * @param limits            bytes an output and a pipeline may keep
     */
    public RedisPipelineStore(Supplier<RedisConnections> connections, Duration ttl, Duration cancelPollPeriod,
                              Duration maxReconnectDelay, OutputLimits limits) {
        this.scripts = new ScriptRunner(connections);
        this.limits = limits;
        this.ttlMillis = Long.toString(ttl.toMillis());
        this.watcher = new RedisCancelWatcher(connections, this::isCanceled, cancelPollPeriod, maxReconnectDelay);
    }

    @Override
    public Optional<PipelineState> state(PipelineUuid uuid) {
        List<Object> reply = run("read the status", Scripts.STATE, new String[] {PipelineKeys.hash(uuid)});
        if (asLong(reply.get(0)) == 0) {
            return Optional.empty();
        }
        Object status = reply.get(1);
        PipelineStatus value = status == null ? PipelineStatus.STATUS_UNSPECIFIED
                : PipelineStatus.fromStored((String) status);
        return Optional.of(new PipelineState(value, reply.get(2) != null));
    }

    @Override
    public void setStatus(PipelineUuid uuid, PipelineStatus status) {
        run("write the status", Scripts.SET_STATUS, PipelineKeys.all(uuid), ttlMillis, status.name());
    }

    @Override
    public Appended append(PipelineUuid uuid, Output output, String text) {
        List<Object> reply = run("append to an output", Scripts.APPEND, PipelineKeys.all(uuid), ttlMillis,
                Integer.toString(PipelineKeys.luaIndex(output)), output.name(), text, Long.toString(limits.perOutput()),
                Long.toString(limits.perPipeline()), limits.outputMarker(), limits.pipelineMarker());
        return new Appended(asLong(reply.get(0)), asLong(reply.get(1)));
    }

    @Override
    public void put(PipelineUuid uuid, Output output, String text) {
        run("write an output", Scripts.PUT, PipelineKeys.all(uuid), ttlMillis,
                Integer.toString(PipelineKeys.luaIndex(output)), output.name(), limits.boundWhole(text));
    }

    @Override
    public Optional<OutputPage> read(PipelineUuid uuid, Output output, long offset, int maxBytes) {
        List<Object> reply = run("read an output", Scripts.READ,
                new String[] {PipelineKeys.hash(uuid), PipelineKeys.output(uuid, output)},
                Long.toString(offset), Integer.toString(maxBytes));
        long kind = asLong(reply.get(0));
        if (kind == 0) {
            return Optional.empty();
        }
        if (kind == 2) {
            throw new InvalidArgumentException("offset " + offset + " is past the end of the output ("
                    + asLong(reply.get(1)) + " bytes)");
        }
        return Optional.of(page(reply));
    }

    @Override
    public Optional<OutputPage> readRunOutputSinceLastCall(PipelineUuid uuid, int maxBytes) {
        List<Object> reply = run("read the run output", Scripts.READ_SINCE_INDEX,
                new String[] {PipelineKeys.hash(uuid), PipelineKeys.output(uuid, Output.RUN_OUTPUT)},
                Integer.toString(maxBytes));
        return asLong(reply.get(0)) == 0 ? Optional.empty() : Optional.of(page(reply));
    }

    @Override
    public CancelMark markCanceled(PipelineUuid uuid) {
        List<Object> reply = run("record a cancel", Scripts.MARK_CANCELED, PipelineKeys.all(uuid), ttlMillis,
                PipelineKeys.cancelChannel(uuid));
        return switch ((int) asLong(reply.get(0))) {
            case 0 -> CancelMark.UNKNOWN_PIPELINE;
            case 1 -> CancelMark.ALREADY_MARKED;
            default -> CancelMark.MARKED;
        };
    }

    @Override
    public CancelWatch watchCancel(PipelineUuid uuid, Runnable onCancel) {
        return watcher.watch(uuid, onCancel);
    }

    @Override
    public void close() {
        watcher.close();
    }

    private boolean isCanceled(PipelineUuid uuid) {
        return state(uuid).map(PipelineState::canceled).orElse(false);
    }

    private static OutputPage page(List<Object> reply) {
        return new OutputPage((String) reply.get(1), asLong(reply.get(2)), asLong(reply.get(3)));
    }

    private List<Object> run(String what, String script, String[] keys, String... args) {
        return scripts.run(what, script, keys, args);
    }

    private static long asLong(Object value) {
        return ((Number) value).longValue();
    }
}
