package dev.beamplayground.pipeline.redis;

import dev.beamplayground.pipeline.CancelWatch;
import dev.beamplayground.pipeline.PipelineUuid;
import dev.beamplayground.redis.RedisConnections;
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
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;

/**
 * Runner-side cancel watching: a subscription to the pipeline's cancel channel tells at once; a
 * check right after subscribing covers a cancel recorded before it; a slow poll covers a message
 * lost while the connection was down, and subscribes a channel that could not be subscribed then.
 * The subscription lives on a dedicated connection, held by one thread while any watch needs it, which
 * subscribes again to every watched channel when the connection is lost (backing off up to
 * {@code playground.redis.max-reconnect-delay}). Callbacks run once, on this watcher's executor, never
 * on the subscription's thread.
 */
final class RedisCancelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCancelWatcher.class);

    private final Supplier<RedisConnections> connections;
    private final Predicate<PipelineUuid> isCanceled;
    private final Duration pollPeriod;
    private final Duration maxReconnectDelay;
    private final Map<String, Set<Watch>> byChannel = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService executor;
    /** The subscription thread, its connection and its listener; guarded by this. */
    private Thread subscriber;
    private Connection subscribed;
    private Listener listener;
    private boolean closed;

    RedisCancelWatcher(Supplier<RedisConnections> connections, Predicate<PipelineUuid> isCanceled, Duration pollPeriod,
                       Duration maxReconnectDelay) {
        this.connections = connections;
        this.isCanceled = isCanceled;
        this.pollPeriod = pollPeriod;
        this.maxReconnectDelay = maxReconnectDelay;
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
        synchronized (this) {
            closed = true;
            if (subscriber != null) {
                subscriber.interrupt();
            }
            if (subscribed != null) {
                subscribed.close(); // ends the blocking read
            }
        }
    }

    /**
     * Whether {@code channel} is subscribed now: on the live subscription, or as one of the channels of a
     * subscription thread started here. False while Redis is away; the poll asks again.
     */
    private synchronized boolean subscribe(String channel) {
        if (closed) {
            return false;
        }
        if (listener != null && listener.isSubscribed()) {
            try {
                listener.subscribe(channel);
                return true;
            } catch (RuntimeException e) {
                LOG.warn("cannot subscribe to cancel notifications yet: {}", e.toString());
                return false;
            }
        }
        if (subscriber == null) {
            subscriber = new Thread(this::subscribeWhileWatched, "pipeline-cancel-subscriber");
            subscriber.setDaemon(true);
            subscriber.start();
        }
        return false; // the thread subscribes every watched channel, or the poll does once it is up
    }

    /** The subscription thread: subscribed to every watched channel, again after a lost connection. */
    private void subscribeWhileWatched() {
        long delay = Math.min(50, maxReconnectDelay.toMillis());
        while (true) {
            Connection connection;
            Listener mine = new Listener();
            String[] channels;
            synchronized (this) {
                if (closed || byChannel.isEmpty()) {
                    subscriber = null;
                    return;
                }
            }
            try {
                connection = connections.get().dedicated();
            } catch (RuntimeException e) {
                connection = null;
                LOG.warn("cannot subscribe to cancel notifications yet: {}", e.toString());
            }
            synchronized (this) {
                if (closed) {
                    if (connection != null) {
                        connection.close();
                    }
                    subscriber = null;
                    return;
                }
                // Every channel watched now; one watched later is subscribed by its watch or its poll.
                channels = byChannel.keySet().toArray(String[]::new);
                subscribed = connection;
                listener = connection == null ? null : mine;
            }
            if (connection != null && channels.length == 0) {
                connection.close(); // every watch ended meanwhile: the loop's first check ends the thread
                synchronized (this) {
                    subscribed = null;
                    listener = null;
                }
                continue;
            }
            if (connection != null) {
                try (Connection c = connection) {
                    mine.proceed(c, channels); // subscribes; returns when every channel is unsubscribed
                    delay = Math.min(50, maxReconnectDelay.toMillis());
                } catch (RuntimeException e) {
                    LOG.warn("cancel notifications interrupted, subscribing again: {}", e.toString());
                }
                synchronized (this) {
                    subscribed = null;
                    listener = null;
                }
            }
            if (!byChannel.isEmpty()) {
                try {
                    TimeUnit.MILLISECONDS.sleep(delay); // back off while Redis is away
                } catch (InterruptedException e) {
                    synchronized (this) {
                        subscriber = null;
                    }
                    return;
                }
                delay = Math.min(delay * 2, maxReconnectDelay.toMillis());
            }
        }
    }

    private synchronized void unsubscribe(String channel) {
        if (listener != null && listener.isSubscribed()) {
            try {
                listener.unsubscribe(channel);
            } catch (RuntimeException e) {
                // Gone with the connection anyway.
            }
        }
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

    /** Hands each cancel notification to the watches of its channel. */
    private final class Listener extends JedisPubSub {
        @Override
        public void onMessage(String channel, String message) {
            Set<Watch> watches = byChannel.get(channel);
            if (watches != null) {
                watches.forEach(w -> executor().execute(w::fire));
            }
        }
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
                    unsubscribe(channel);
                }
            }
        }
    }
}
