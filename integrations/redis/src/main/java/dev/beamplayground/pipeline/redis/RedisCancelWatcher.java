package dev.beamplayground.pipeline.redis;

import dev.beamplayground.pipeline.CancelWatch;
import dev.beamplayground.pipeline.PipelineUuid;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runner-side cancel watching: a subscription to the pipeline's cancel channel tells at once; a
 * check right after subscribing covers a cancel recorded before it; a slow poll covers a message
 * lost while the connection was down (Lettuce subscribes again on reconnect). Callbacks run once,
 * on this watcher's thread, never on Lettuce's event loop.
 */
final class RedisCancelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCancelWatcher.class);

    private final Supplier<StatefulRedisPubSubConnection<String, String>> pubSubSupplier;
    private final Predicate<PipelineUuid> isCanceled;
    private final Duration pollPeriod;
    private final Map<String, Set<Watch>> byChannel = new ConcurrentHashMap<>();
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile ScheduledExecutorService executor;

    RedisCancelWatcher(Supplier<StatefulRedisPubSubConnection<String, String>> pubSub,
                       Predicate<PipelineUuid> isCanceled, Duration pollPeriod) {
        this.pubSubSupplier = pubSub;
        this.isCanceled = isCanceled;
        this.pollPeriod = pollPeriod;
    }

    CancelWatch watch(PipelineUuid uuid, Runnable onCancel) {
        String channel = PipelineKeys.cancelChannel(uuid);
        Watch watch = new Watch(uuid, channel, onCancel);
        byChannel.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(watch);
        watch.subscribed = subscribe(channel);
        executor().execute(watch::check);
        watch.poll = executor().scheduleWithFixedDelay(watch::poll, pollPeriod.toMillis(), pollPeriod.toMillis(),
                TimeUnit.MILLISECONDS);
        return watch;
    }

    @Override
    public void close() {
        ScheduledExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }

    private boolean subscribe(String channel) {
        try {
            connection().sync().subscribe(channel);
            return true;
        } catch (RuntimeException e) {
            // Redis away: the poll keeps trying to subscribe, and asks in the meantime.
            LOG.warn("cannot subscribe to cancel notifications yet: {}", e.toString());
            return false;
        }
    }

    private synchronized StatefulRedisPubSubConnection<String, String> connection() {
        if (pubSub == null) {
            StatefulRedisPubSubConnection<String, String> c = pubSubSupplier.get();
            c.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    Set<Watch> watches = byChannel.get(channel);
                    if (watches != null) {
                        watches.forEach(w -> executor().execute(w::fire));
                    }
                }
            });
            pubSub = c;
        }
        return pubSub;
    }

    private synchronized ScheduledExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pipeline-cancel-watcher");
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    private final class Watch implements CancelWatch {
        private final PipelineUuid uuid;
        private final String channel;
        private final Runnable onCancel;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean subscribed;
        private volatile ScheduledFuture<?> poll;

        Watch(PipelineUuid uuid, String channel, Runnable onCancel) {
            this.uuid = uuid;
            this.channel = channel;
            this.onCancel = onCancel;
        }

        void fire() {
            if (done.compareAndSet(false, true)) {
                stop();
                try {
                    onCancel.run();
                } catch (RuntimeException e) {
                    LOG.error("cancel callback of pipeline {} failed", uuid, e);
                }
            }
        }

        void check() {
            try {
                if (!done.get() && isCanceled.test(uuid)) {
                    fire();
                }
            } catch (RuntimeException e) {
                LOG.debug("cancel check of pipeline {} failed: {}", uuid, e.toString());
            }
        }

        void poll() {
            if (done.get()) {
                stop(); // fired before this poll was scheduled
                return;
            }
            if (!subscribed) {
                subscribed = subscribe(channel);
            }
            check();
        }

        @Override
        public void close() {
            done.set(true);
            stop();
        }

        private void stop() {
            ScheduledFuture<?> p = poll;
            if (p != null) {
                p.cancel(false);
            }
            Set<Watch> watches = byChannel.get(channel);
            if (watches != null) {
                watches.remove(this);
                if (watches.isEmpty() && byChannel.remove(channel, watches)) {
                    try {
                        pubSub.async().unsubscribe(channel);
                    } catch (RuntimeException e) {
                        // Gone with the connection anyway.
                    }
                }
            }
        }
    }
}
