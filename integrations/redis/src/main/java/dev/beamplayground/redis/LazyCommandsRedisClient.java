package dev.beamplayground.redis;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisReactiveCommandsImpl;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.json.JsonParser;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A {@link RedisClient} whose connections build their synchronous and reactive command objects on first
 * use instead of in their constructor. Lettuce's synchronous API is a dynamic proxy of a 715-method
 * interface: generating it costs 0.1 s (C1 only) to 0.8 s (default JIT on a busy machine) in the first
 * request of every new instance, and the reactive API loads some 300 Reactor classes; a function that
 * uses one of them (or none) no longer pays for both. The connection is otherwise Lettuce's own.
 */
final class LazyCommandsRedisClient extends RedisClient {

    LazyCommandsRedisClient(ClientResources resources, RedisURI uri) {
        super(resources, uri);
    }

    @Override
    protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter channelWriter,
            PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
        return new Connection<>(channelWriter, pushHandler, codec, timeout, getOptions().getJsonParser());
    }

    private static final class Connection<K, V> extends StatefulRedisConnectionImpl<K, V> {
        private final Object lock = new Object();
        private volatile RedisCommands<K, V> lazySync;
        private volatile RedisReactiveCommands<K, V> lazyReactive;

        Connection(RedisChannelWriter writer, PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout,
                   Supplier<JsonParser> parser) {
            super(writer, pushHandler, codec, timeout, parser);
        }

        /** Called by the super constructor: nothing yet (the field it fills stays null, read only by sync()). */
        @Override
        protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
            return null;
        }

        /** As above, for reactive(). */
        @Override
        protected RedisReactiveCommandsImpl<K, V> newRedisReactiveCommandsImpl() {
            return null;
        }

        @Override
        public RedisCommands<K, V> sync() {
            RedisCommands<K, V> commands = lazySync;
            if (commands == null) {
                synchronized (lock) {
                    commands = lazySync;
                    if (commands == null) {
                        commands = super.newRedisSyncCommandsImpl();
                        lazySync = commands;
                    }
                }
            }
            return commands;
        }

        @Override
        public RedisReactiveCommands<K, V> reactive() {
            RedisReactiveCommands<K, V> commands = lazyReactive;
            if (commands == null) {
                synchronized (lock) {
                    commands = lazyReactive;
                    if (commands == null) {
                        commands = super.newRedisReactiveCommandsImpl();
                        lazyReactive = commands;
                    }
                }
            }
            return commands;
        }
    }
}
