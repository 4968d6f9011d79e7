package dev.beamplayground.catalog.redis;

import dev.beamplayground.catalog.CatalogCache;
import dev.beamplayground.config.CatalogConfiguration;
import dev.beamplayground.config.RedisConfigured;
import dev.beamplayground.redis.RedisConnections;
import dev.beamplayground.time.Pacer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The shared catalog cache in Redis (the default connection: {@code redis.uri} or a Memorystore instance). Keys
 * ({@link CatalogKeys}):
 * <ul>
 *   <li>{@code CATALOG_VERSION}: {@code <version>:<lease ms>} as published, or {@code loading:<redis ms>:<wait ms>}
 *       while a load runs (older releases wrote {@code <version>} and {@code loading}, still understood);</li>
 *   <li>{@code EXAMPLES_CATALOG}: {@code <version>:<GetPrecompiledObjects JSON for all SDKs>};</li>
 *   <li>{@code SDKS_CATALOG}: {@code <version>:<JSON list of SDKs and default example names>};</li>
 *   <li>{@code DEFAULT_PRECOMPILED_OBJECTS}: hash, field = SDK name, value {@code <version>:<GetDefaultPrecompiledObject JSON>};</li>
 *   <li>{@code CATALOG_BUILD:<version>}: the fencing token of the instance whose turn it is to build that version's
 *       entry, expiring after {@code catalog.build-lease};</li>
 *   <li>{@code CATALOG_BUILD_FENCE}: the last fencing token given out (INCR); {@code CATALOG_ENTRY_TOKEN}: the
 *       token of the last entry written, below which entries are refused.</li>
 * </ul>
 * A value is used only when its version tag equals {@code CATALOG_VERSION}. Two parts with one error policy each:
 * what requests call ({@link RedisCatalogReader}) never fails a request, the store is asked instead; what the
 * loader calls ({@link RedisCatalogPublisher}) throws, so a load never ends unannounced.
 *
 * <p><b>Version lease.</b> A published version read by a GET sent at time t answers every request that
 * arrives before t + lease without another read. That stays exact because a version changes only through a
 * {@code loading} mark that is held at least the lease (measured on Redis's clock and on the writer's own)
 * before the new version is published: a load that completes after a request arrived cannot have been
 * announced before that request's lease began.
 */
@Singleton
@Requires(condition = RedisConfigured.class)
public class RedisCatalogCache implements CatalogCache {
    private final RedisCatalogReader reader;
    private final RedisCatalogPublisher publisher;

    @Inject
    public RedisCatalogCache(BeanProvider<RedisConnections> connections,
                             CatalogConfiguration configuration) {
        this(connections, configuration, Pacer.SYSTEM);
    }

    /** With the clock and pause of the lease and publish waits given (tests). */
    RedisCatalogCache(BeanProvider<RedisConnections> connections,
                      CatalogConfiguration configuration, Pacer pacer) {
        CatalogRedis redis = new CatalogRedis(connections::get, configuration.getRedisTimeout());
        this.reader = new RedisCatalogReader(redis, configuration.getRedisRetryAfter(), configuration.getRedisTtl(),
                configuration.getVersionLease(), configuration.getBuildLease(), pacer);
        this.publisher = new RedisCatalogPublisher(redis, configuration.getVersionLease(), pacer);
    }

    @Override
    public Probe probe() {
        return reader.probe();
    }

    @Override
    public Probe freshProbe() {
        return reader.freshProbe();
    }

    @Override
    public Optional<Entry> read(long version) {
        return reader.read(version);
    }

    @Override
    public Turn takeTurn(long version, TurnMode mode) {
        return reader.takeTurn(version, mode);
    }

    @Override
    public void endTurn(long version, long token) {
        reader.endTurn(version, token);
    }

    @Override
    public Written write(long version, Entry entry, long token, boolean claim) {
        return reader.write(version, entry, token, claim);
    }

    @Override
    public void beginLoad() {
        publisher.beginLoad();
    }

    @Override
    public void publish(long version) {
        publisher.publish(version);
    }

    @Override
    public boolean publishIfUnchanged(Probe seen, long version) {
        return publisher.publishIfUnchanged(seen, version);
    }
}
