package dev.beamplayground.function.savesnippet;

import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.api.v1.SaveSnippetResponse;
import dev.beamplayground.connect.CacheableBody;
import dev.beamplayground.connect.ServiceMethods;
import dev.beamplayground.connect.UnaryMethod;
import dev.beamplayground.testing.SnippetBench;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/** The benchmark's baseline, {@code BenchSaveSnippet}: SaveSnippet's parse, then a constant answer instead of storing. */
@Singleton
@Requires(property = "bench.baseline")
public class BaselineMethods implements ServiceMethods {
    @Override
    public List<UnaryMethod> methods() {
        return List.of(UnaryMethod.renamed("BenchSaveSnippet", "SaveSnippet", SaveSnippetRequest.getDefaultInstance(),
                (SaveSnippetRequest r) -> CacheableBody.ofJson(SnippetBench.baselineAnswer(),
                        SaveSnippetResponse.getDefaultInstance())));
    }
}
