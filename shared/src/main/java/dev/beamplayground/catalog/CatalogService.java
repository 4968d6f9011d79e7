package dev.beamplayground.catalog;

import dev.beamplayground.api.v1.GetPrecompiledObjectCodeResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectGraphResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectLogsResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectOutputResponse;
import dev.beamplayground.catalog.CatalogCache.TurnMode;
import dev.beamplayground.connect.CacheableBody;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.NotFoundException;
import dev.beamplayground.domain.error.UnavailableException;
import dev.beamplayground.snippet.Utf8;
import dev.beamplayground.store.CatalogStore;
import dev.beamplayground.store.SnippetStore;
import dev.beamplayground.time.Pacer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's read side. The current catalog is found in this order: this process's memory when it has the
 * version the shared cache publishes (no store call), the shared cache's entry of that version, then the store
 * (whose version is read before its data). Without a usable shared cache the store's version decides whether
 * memory is current (one small read).
 *
 * <p><b>One build at a time.</b> A missing entry is built by one instance per version (the cache's build turn: a
 * lease with a fencing token) and by one request per process; the others read the entry once it is written. While
 * they wait, a request keeps its instance's previous catalog only when that cannot hide a completed load: during a
 * load (the cache says loading), or when the cache was emptied and memory is at the store's version. When the
 * published version's entry is missing (evicted), a request without that version waits for the build, at most
 * {@code catalog.build-wait}, and then builds itself. The loader writes the entry before it publishes, so a fresh
 * version is never missed.
 */
public final class CatalogService {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);
    /** Longest cloud path looked at: a Datastore key name is at most 1500 bytes. */
    static final int MAX_CLOUD_PATH_BYTES = 1500;
    static final int MAX_CATEGORY_CHARS = 256;

    private final CatalogStore catalogStore;
    private final SnippetStore snippetStore;
    private final CatalogCache cache;
    private final long buildWaitNanos;
    private final long buildPollMillis;
    private final Pacer pacer;
    /** This process's build in flight per catalog version. */
    private final ConcurrentHashMap<Long, CompletableFuture<CatalogView>> flights = new ConcurrentHashMap<>();
    private volatile CatalogView memory;

    /**
     * @param buildWait longest wait for another instance's build before building here
     * @param buildPoll pause between two looks at that build
     */
    public CatalogService(CatalogStore catalogStore, SnippetStore snippetStore, CatalogCache cache,
                          Duration buildWait, Duration buildPoll, Pacer pacer) {
        this.catalogStore = catalogStore;
        this.snippetStore = snippetStore;
        this.cache = cache;
        this.buildWaitNanos = buildWait.toNanos();
        this.buildPollMillis = Math.max(1, buildPoll.toMillis());
        this.pacer = pacer;
    }

    /** GetPrecompiledObjects: {@code sdk} null = every SDK, {@code category} "" = every category. */
    public CacheableBody listing(Sdk sdk, String category) {
        if (category.length() > MAX_CATEGORY_CHARS) {
            throw new InvalidArgumentException("category is longer than " + MAX_CATEGORY_CHARS + " characters");
        }
        return current().listing(sdk, category);
    }

    /** GetPrecompiledObject. */
    public CacheableBody object(String cloudPath) {
        checkCloudPath(cloudPath);
        return current().objectAnswer(cloudPath).orElseThrow(() -> notFound(cloudPath));
    }

    /** GetDefaultPrecompiledObject. */
    public CacheableBody defaultObject(Sdk sdk) {
        if (sdk == null) {
            throw new InvalidArgumentException("sdk is required");
        }
        return current().defaultAnswer(sdk)
                .orElseThrow(() -> new NotFoundException("the SDK " + sdk.name() + " has no default example"));
    }

    /** GetPrecompiledObjectCode: the main file's code and every file. */
    public CacheableBody code(String cloudPath) {
        requireInCatalog(cloudPath);
        Snippet snippet = snippetStore.findSnippet(cloudPath).orElseThrow(() -> notFound(cloudPath));
        GetPrecompiledObjectCodeResponse.Builder response = GetPrecompiledObjectCodeResponse.newBuilder();
        for (SnippetFile f : snippet.files()) {
            if (f.main() || snippet.files().size() == 1) {
                response.setCode(f.content());
            }
            response.addFilesBuilder().setName(f.name()).setContent(f.content()).setIsMain(f.main());
        }
        return CacheableBody.of(response.build());
    }

    /** GetPrecompiledObjectOutput, GetPrecompiledObjectLogs, GetPrecompiledObjectGraph: "" when the example has none. */
    public CacheableBody precompiled(String cloudPath, PrecompiledObject.Kind kind) {
        requireInCatalog(cloudPath);
        String content = catalogStore.precompiledObject(cloudPath, kind).orElse("");
        return CacheableBody.of(switch (kind) {
            case OUTPUT -> GetPrecompiledObjectOutputResponse.newBuilder().setOutput(content).build();
            case LOG -> GetPrecompiledObjectLogsResponse.newBuilder().setOutput(content).build();
            case GRAPH -> GetPrecompiledObjectGraphResponse.newBuilder().setGraph(content).build();
        });
    }

    /** Only ids of the current catalog reach the store. */
    private void requireInCatalog(String cloudPath) {
        checkCloudPath(cloudPath);
        if (current().object(cloudPath).isEmpty()) {
            throw notFound(cloudPath);
        }
    }

    private static void checkCloudPath(String cloudPath) {
        if (cloudPath.isEmpty()) {
            throw new InvalidArgumentException("cloud_path is required");
        }
        if (Utf8.length(cloudPath) > MAX_CLOUD_PATH_BYTES || cloudPath.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidArgumentException("cloud_path is not an example id");
        }
    }

    private static NotFoundException notFound(String cloudPath) {
        return new NotFoundException("no example with this cloud_path");
    }

    /** The current catalog version's view; see the class comment. */
    CatalogView current() {
        CatalogCache.Probe probe = cache.probe();
        CatalogView seen = memory;
        switch (probe.state()) {
            case PUBLISHED -> {
                // Newer than published is fine too: a load the cache has not heard of yet (see CatalogVersionSync).
                if (seen != null && seen.version() >= probe.version()) {
                    return seen;
                }
                // The load of this version completed: nothing older may answer.
                return obtain(probe.version(), TurnMode.READ, null, true);
            }
            case ABSENT -> {
                // The cache was emptied: one instance publishes the store's version again.
                long stored = catalogStore.catalogVersion();
                return obtain(stored, TurnMode.CLAIM, isAt(seen, stored) ? seen : null, true);
            }
            case LOADING -> {
                long stored = catalogStore.catalogVersion();
                if (isAt(seen, stored)) {
                    return seen;
                }
                // The load has not completed: the previous catalog may answer while the new one is built.
                return obtain(stored, TurnMode.READ, seen, true);
            }
            default -> {
                long stored = catalogStore.catalogVersion();
                if (isAt(seen, stored)) {
                    return seen;
                }
                return obtain(stored, TurnMode.READ, null, false);
            }
        }
    }

    private static boolean isAt(CatalogView view, long version) {
        return view != null && view.version() == version;
    }

    /**
     * The view of {@code version}, built by one request of this process at a time.
     *
     * @param previous what may answer while another builds it (null: nothing may)
     * @param shared   whether the shared cache is used (else only the store)
     */
    private CatalogView obtain(long version, TurnMode mode, CatalogView previous, boolean shared) {
        while (true) {
            CompletableFuture<CatalogView> mine = new CompletableFuture<>();
            CompletableFuture<CatalogView> flight = flights.putIfAbsent(version, mine);
            if (flight != null) {
                if (previous != null) {
                    return previous;
                }
                CatalogView got = join(flight);
                if (isAt(got, version)) {
                    return got;
                }
                continue; // that request kept an older catalog, which this one may not: go again
            }
            try {
                CatalogView view = shared ? fromCacheOrBuild(version, mode, previous)
                        : CatalogView.build(catalogStore.readCatalog());
                memory = view;
                mine.complete(view);
                return view;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                flights.remove(version, mine);
            }
        }
    }

    private static CatalogView join(CompletableFuture<CatalogView> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The shared entry of {@code version}, or this instance's build of it when it is its turn. */
    private CatalogView fromCacheOrBuild(long version, TurnMode mode, CatalogView previous) {
        if (mode == TurnMode.READ) {
            Optional<CatalogView> cached = cached(version);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        long deadline = pacer.nanoTime() + buildWaitNanos;
        while (true) {
            CatalogCache.Turn turn = cache.takeTurn(version, mode);
            switch (turn.kind()) {
                case READY -> {
                    if (isAt(previous, version)) {
                        return previous;
                    }
                    return cached(version).orElseGet(() -> CatalogView.build(catalogStore.readCatalog()));
                }
                case MINE -> {
                    try {
                        CatalogView view = isAt(previous, version) ? previous
                                : CatalogView.build(catalogStore.readCatalog());
                        cache.write(view.version(), view.toEntry(), turn.token(), mode == TurnMode.CLAIM);
                        return view;
                    } finally {
                        cache.endTurn(version, turn.token());
                    }
                }
                case HELD -> {
                    if (previous != null) {
                        return previous;
                    }
                    if (pacer.nanoTime() - deadline >= 0) {
                        // The holder is alive (its lease runs) but slow: answer from the store, leave it the write.
                        LOG.warn("the catalog build of another instance took longer than catalog.build-wait;"
                                + " building from the store");
                        return CatalogView.build(catalogStore.readCatalog());
                    }
                    try {
                        pacer.pause(buildPollMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UnavailableException("interrupted while waiting for the catalog",
                                Duration.ofSeconds(1), e);
                    }
                }
                default -> {
                    return CatalogView.build(catalogStore.readCatalog()); // no shared cache to share it through
                }
            }
        }
    }

    private Optional<CatalogView> cached(long version) {
        return cache.read(version).flatMap(entry -> CatalogView.fromCache(version, entry));
    }
}
