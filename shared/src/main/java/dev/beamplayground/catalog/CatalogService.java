package dev.beamplayground.catalog;

import dev.beamplayground.api.v1.GetPrecompiledObjectCodeResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectGraphResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectLogsResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectOutputResponse;
import dev.beamplayground.connect.CacheableBody;
import dev.beamplayground.domain.PrecompiledObject;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.domain.error.NotFoundException;
import dev.beamplayground.snippet.Utf8;
import dev.beamplayground.store.CatalogStore;
import dev.beamplayground.store.SnippetStore;

/**
 * The catalog's read side. The current catalog is found in this order: this process's memory when it has the
 * version the shared cache publishes (no store call), the shared cache's entry of that version, then the store
 * (whose version is read before its data). Without a usable shared cache the store's version decides whether
 * memory is current (one small read). One build at a time per process; the others wait for it.
 */
public final class CatalogService {
    /** Longest cloud path looked at: a Datastore key name is at most 1500 bytes. */
    static final int MAX_CLOUD_PATH_BYTES = 1500;
    static final int MAX_CATEGORY_CHARS = 256;

    private final CatalogStore catalogStore;
    private final SnippetStore snippetStore;
    private final CatalogCache cache;
    private final Object buildLock = new Object();
    private volatile CatalogView memory;

    public CatalogService(CatalogStore catalogStore, SnippetStore snippetStore, CatalogCache cache) {
        this.catalogStore = catalogStore;
        this.snippetStore = snippetStore;
        this.cache = cache;
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
                if (seen != null && seen.version() == probe.version()) {
                    return seen;
                }
                synchronized (buildLock) {
                    seen = memory;
                    if (seen != null && seen.version() == probe.version()) {
                        return seen;
                    }
                    CatalogView view = cache.read(probe.version())
                            .flatMap(entry -> CatalogView.fromCache(probe.version(), entry))
                            .orElse(null);
                    if (view == null) {
                        view = CatalogView.build(catalogStore.readCatalog());
                        if (view.version() == probe.version()) {
                            cache.write(view.version(), view.toEntry(), false);
                        }
                    }
                    memory = view;
                    return view;
                }
            }
            case ABSENT -> {
                synchronized (buildLock) {
                    CatalogView view = CatalogView.build(catalogStore.readCatalog());
                    cache.write(view.version(), view.toEntry(), true);
                    memory = view;
                    return view;
                }
            }
            default -> {
                long stored = catalogStore.catalogVersion();
                if (seen != null && seen.version() == stored) {
                    return seen;
                }
                synchronized (buildLock) {
                    seen = memory;
                    if (seen != null && seen.version() == stored) {
                        return seen;
                    }
                    CatalogView view = CatalogView.build(catalogStore.readCatalog());
                    memory = view;
                    return view;
                }
            }
        }
    }
}
