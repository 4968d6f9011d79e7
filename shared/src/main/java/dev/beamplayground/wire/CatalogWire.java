package dev.beamplayground.wire;

import dev.beamplayground.api.v1.Categories;
import dev.beamplayground.api.v1.EmulatorType;
import dev.beamplayground.api.v1.GetPrecompiledObjectsResponse;
import dev.beamplayground.api.v1.PrecompiledObject;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Example;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SdkInfo;
import dev.beamplayground.store.CatalogItem;
import dev.beamplayground.store.CatalogSnapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one mapper from the stored catalog to its API messages. Order is deterministic: SDK (in the order of
 * the API's enum), then category name, then example name (then cloud path); an example is listed under
 * each of its categories.
 */
public final class CatalogWire {
    private static final Comparator<PrecompiledObject> BY_NAME =
            Comparator.comparing(PrecompiledObject::getName).thenComparing(PrecompiledObject::getCloudPath);

    private CatalogWire() {
    }

    public static GetPrecompiledObjectsResponse catalog(CatalogSnapshot snapshot) {
        Map<Sdk, String> defaults = new EnumMap<>(Sdk.class);
        for (SdkInfo s : snapshot.sdks()) {
            defaults.put(s.sdk(), s.defaultExample());
        }
        Map<String, String> datasetPaths = new HashMap<>();
        for (Dataset d : snapshot.datasets()) {
            datasetPaths.put(d.id(), d.path());
        }
        Map<Sdk, TreeMap<String, List<PrecompiledObject>>> bySdk = new EnumMap<>(Sdk.class);
        for (CatalogItem item : snapshot.items()) {
            Example e = item.example();
            PrecompiledObject object = object(item, e.name().equals(defaults.get(e.sdk())), datasetPaths);
            TreeMap<String, List<PrecompiledObject>> categories = bySdk.computeIfAbsent(e.sdk(), k -> new TreeMap<>());
            for (String category : e.categories().stream().distinct().toList()) {
                categories.computeIfAbsent(category, k -> new ArrayList<>()).add(object);
            }
        }
        GetPrecompiledObjectsResponse.Builder response = GetPrecompiledObjectsResponse.newBuilder();
        bySdk.forEach((sdk, categories) -> {
            Categories.Builder c = response.addSdkCategoriesBuilder().setSdk(sdk(sdk));
            categories.forEach((name, objects) -> {
                objects.sort(BY_NAME);
                c.addCategoriesBuilder().setCategoryName(name).addAllPrecompiledObjects(objects);
            });
        });
        return response.build();
    }

    /** The catalog entry of an example; the cloud path is the example id. */
    static PrecompiledObject object(CatalogItem item, boolean isDefault, Map<String, String> datasetPaths) {
        Example e = item.example();
        PrecompiledObject.Builder b = PrecompiledObject.newBuilder()
                .setCloudPath(e.id())
                .setName(e.name())
                .setDescription(e.description())
                .setType(dev.beamplayground.api.v1.PrecompiledObjectType.valueOf(e.type().name()))
                .setPipelineOptions(item.pipelineOptions())
                .setLink(e.path())
                .setMultifile(item.numberOfFiles() > 1)
                .setContextLine(item.contextLine())
                .setDefaultExample(isDefault)
                .setSdk(sdk(e.sdk()))
                .setComplexity(dev.beamplayground.api.v1.Complexity.valueOf(item.complexity().name()))
                .addAllTags(e.tags())
                .setUrlVcs(e.urlVcs())
                .setUrlNotebook(e.urlNotebook())
                .setAlwaysRun(e.alwaysRun())
                .setNeverRun(e.neverRun());
        for (DatasetRef d : item.datasets()) {
            b.addDatasetsBuilder()
                    .setType("kafka".equalsIgnoreCase(d.emulator()) ? EmulatorType.EMULATOR_TYPE_KAFKA
                            : EmulatorType.EMULATOR_TYPE_UNSPECIFIED)
                    .putAllOptions(d.config())
                    .setDatasetPath(datasetPaths.getOrDefault(d.datasetId(), ""));
        }
        return b.build();
    }

    public static dev.beamplayground.api.v1.Sdk sdk(Sdk sdk) {
        return dev.beamplayground.api.v1.Sdk.valueOf(sdk.name());
    }

    /** The requested SDK; null for SDK_UNSPECIFIED (all SDKs). */
    public static Sdk sdkOf(dev.beamplayground.api.v1.Sdk sdk) {
        return EnumWire.toDomain("sdk", sdk, Sdk.class);
    }
}
