package dev.beamplayground.function.getcatalog;

import dev.beamplayground.api.v1.GetDefaultPrecompiledObjectRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectCodeRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectGraphRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectLogsRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectOutputRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectsRequest;
import dev.beamplayground.catalog.CatalogService;
import dev.beamplayground.connect.ServiceMethods;
import dev.beamplayground.connect.UnaryMethod;
import dev.beamplayground.domain.PrecompiledObject.Kind;
import dev.beamplayground.wire.CatalogWire;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The catalog methods. Every answer is a serialized body the catalog service keeps or makes (with its ETag, for
 * Connect GET); nothing is serialized here.
 */
@Singleton
public class CatalogMethods implements ServiceMethods {
    private final CatalogService catalog;

    public CatalogMethods(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<UnaryMethod> methods() {
        return List.of(
                UnaryMethod.of("GetPrecompiledObjects", GetPrecompiledObjectsRequest.getDefaultInstance(),
                        (GetPrecompiledObjectsRequest r) -> catalog.listing(CatalogWire.sdkOf(r.getSdk()),
                                r.getCategory())),
                UnaryMethod.of("GetPrecompiledObject", GetPrecompiledObjectRequest.getDefaultInstance(),
                        (GetPrecompiledObjectRequest r) -> catalog.object(r.getCloudPath())),
                UnaryMethod.of("GetPrecompiledObjectCode", GetPrecompiledObjectCodeRequest.getDefaultInstance(),
                        (GetPrecompiledObjectCodeRequest r) -> catalog.code(r.getCloudPath())),
                UnaryMethod.of("GetPrecompiledObjectOutput", GetPrecompiledObjectOutputRequest.getDefaultInstance(),
                        (GetPrecompiledObjectOutputRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.OUTPUT)),
                UnaryMethod.of("GetPrecompiledObjectLogs", GetPrecompiledObjectLogsRequest.getDefaultInstance(),
                        (GetPrecompiledObjectLogsRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.LOG)),
                UnaryMethod.of("GetPrecompiledObjectGraph", GetPrecompiledObjectGraphRequest.getDefaultInstance(),
                        (GetPrecompiledObjectGraphRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.GRAPH)),
                UnaryMethod.of("GetDefaultPrecompiledObject", GetDefaultPrecompiledObjectRequest.getDefaultInstance(),
                        (GetDefaultPrecompiledObjectRequest r) -> catalog.defaultObject(CatalogWire.sdkOf(r.getSdk()))));
    }
}
