package dev.beamplayground.function.getcatalog;

import dev.beamplayground.api.v1.GetPrecompiledObjectsRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectsResponse;
import dev.beamplayground.connect.CacheableBody;
import dev.beamplayground.connect.ServiceMethods;
import dev.beamplayground.connect.UnaryMethod;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The benchmark's baseline, {@code BenchGetPrecompiledObjects}: the same request handling as
 * GetPrecompiledObjects (parse, answer in the caller's codec), answering a pre-built body instead of asking the
 * catalog service.
 */
@Singleton
@Requires(property = "bench.baseline")
public class BaselineMethods implements ServiceMethods {
    static volatile CacheableBody prebuilt = CacheableBody.of(GetPrecompiledObjectsResponse.getDefaultInstance());

    @Override
    public List<UnaryMethod> methods() {
        return List.of(UnaryMethod.renamed("BenchGetPrecompiledObjects", "GetPrecompiledObjects",
                GetPrecompiledObjectsRequest.getDefaultInstance(), (GetPrecompiledObjectsRequest r) -> prebuilt));
    }
}
