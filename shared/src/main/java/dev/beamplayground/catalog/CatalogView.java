package dev.beamplayground.catalog;

import dev.beamplayground.api.v1.Categories;
import dev.beamplayground.api.v1.GetDefaultPrecompiledObjectResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectsResponse;
import dev.beamplayground.api.v1.PrecompiledObject;
import dev.beamplayground.connect.CacheableBody;
import dev.beamplayground.connect.JsonCodec;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.store.CatalogSnapshot;
import dev.beamplayground.wire.CatalogWire;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One catalog version in memory, immutable: the serialized answers ready to send (with their ETags) and an
 * index by cloud path. Filtered listings are serialized on first use and kept, for existing categories only.
 */
final class CatalogView {
    private final long version;
    private final GetPrecompiledObjectsResponse catalog;
    private final CacheableBody all;
    private final Map<Sdk, CacheableBody> defaults;
    private final Map<String, PrecompiledObject> byCloudPath = new HashMap<>();
    private final Set<String> categories = new HashSet<>();
    private final Map<String, CacheableBody> filtered = new ConcurrentHashMap<>();
    private final Map<String, CacheableBody> objects = new ConcurrentHashMap<>();
    private final String sdks;

    private CatalogView(long version, GetPrecompiledObjectsResponse catalog, byte[] json, Map<Sdk, byte[]> defaults,
                        String sdks) {
        this.version = version;
        this.catalog = catalog;
        this.all = CacheableBody.ofJson(json, catalog);
        this.sdks = sdks;
        Map<Sdk, CacheableBody> d = new EnumMap<>(Sdk.class);
        defaults.forEach((sdk, body) -> d.put(sdk, CacheableBody.ofJson(body,
                GetDefaultPrecompiledObjectResponse.getDefaultInstance())));
        this.defaults = d;
        for (Categories c : catalog.getSdkCategoriesList()) {
            for (Categories.Category category : c.getCategoriesList()) {
                categories.add(category.getCategoryName());
                category.getPrecompiledObjectsList().forEach(o -> byCloudPath.putIfAbsent(o.getCloudPath(), o));
            }
        }
    }

    /** Built from the store. */
    static CatalogView build(CatalogSnapshot snapshot) {
        GetPrecompiledObjectsResponse catalog = CatalogWire.catalog(snapshot);
        StringBuilder sdks = new StringBuilder("[");
        for (SdkInfo s : snapshot.sdks()) {
            sdks.append(sdks.length() > 1 ? "," : "").append("{\"sdk\":\"").append(s.sdk().name())
                    .append("\",\"defaultExample\":").append(JsonCodec.quote(s.defaultExample())).append('}');
        }
        return new CatalogView(snapshot.version(), catalog, JsonCodec.print(catalog), defaultsOf(catalog),
                sdks.append(']').toString());
    }

    /** Taken from the shared cache; empty when the entry does not hold together (a partial write). */
    static Optional<CatalogView> fromCache(long version, CatalogCache.Entry entry) {
        GetPrecompiledObjectsResponse built;
        try {
            built = (GetPrecompiledObjectsResponse) JsonCodec.read(entry.examples(),
                    GetPrecompiledObjectsResponse.getDefaultInstance());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!defaultsOf(built).keySet().equals(entry.defaults().keySet())) {
            return Optional.empty();
        }
        return Optional.of(new CatalogView(version, built, entry.examples(), entry.defaults(), entry.sdks()));
    }

    private static Map<Sdk, byte[]> defaultsOf(GetPrecompiledObjectsResponse catalog) {
        Map<Sdk, byte[]> defaults = new EnumMap<>(Sdk.class);
        for (Categories c : catalog.getSdkCategoriesList()) {
            for (Categories.Category category : c.getCategoriesList()) {
                for (PrecompiledObject o : category.getPrecompiledObjectsList()) {
                    if (o.getDefaultExample()) {
                        defaults.putIfAbsent(Sdk.valueOf(o.getSdk().name()), JsonCodec.print(
                                GetDefaultPrecompiledObjectResponse.newBuilder().setPrecompiledObject(o).build()));
                    }
                }
            }
        }
        return defaults;
    }

    long version() {
        return version;
    }

    CatalogCache.Entry toEntry() {
        Map<Sdk, byte[]> d = new EnumMap<>(Sdk.class);
        defaults.forEach((sdk, body) -> d.put(sdk, body.json()));
        return new CatalogCache.Entry(all.json(), sdks, d);
    }

    /** The listing for one SDK (null: all) and one category ("" : all). */
    CacheableBody listing(Sdk sdk, String category) {
        if (sdk == null && category.isEmpty()) {
            return all;
        }
        String key = (sdk == null ? "" : sdk.name()) + "\n" + category;
        CacheableBody memo = filtered.get(key);
        if (memo != null) {
            return memo;
        }
        GetPrecompiledObjectsResponse.Builder out = GetPrecompiledObjectsResponse.newBuilder();
        for (Categories c : catalog.getSdkCategoriesList()) {
            if (sdk != null && !c.getSdk().name().equals(sdk.name())) {
                continue;
            }
            Categories.Builder kept = Categories.newBuilder().setSdk(c.getSdk());
            for (Categories.Category cat : c.getCategoriesList()) {
                if (category.isEmpty() || cat.getCategoryName().equals(category)) {
                    kept.addCategories(cat);
                }
            }
            if (kept.getCategoriesCount() > 0) {
                out.addSdkCategories(kept);
            }
        }
        CacheableBody body = CacheableBody.of(out.build());
        // Only existing categories are kept: the key space stays as small as the catalog.
        if (category.isEmpty() || categories.contains(category)) {
            filtered.put(key, body);
        }
        return body;
    }

    Optional<PrecompiledObject> object(String cloudPath) {
        return Optional.ofNullable(byCloudPath.get(cloudPath));
    }

    Optional<CacheableBody> objectAnswer(String cloudPath) {
        PrecompiledObject o = byCloudPath.get(cloudPath);
        if (o == null) {
            return Optional.empty();
        }
        return Optional.of(objects.computeIfAbsent(cloudPath, k -> CacheableBody.of(
                GetPrecompiledObjectResponse.newBuilder().setPrecompiledObject(o).build())));
    }

    Optional<CacheableBody> defaultAnswer(Sdk sdk) {
        return Optional.ofNullable(defaults.get(sdk));
    }
}
