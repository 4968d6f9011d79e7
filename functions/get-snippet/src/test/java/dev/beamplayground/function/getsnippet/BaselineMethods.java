package dev.beamplayground.function.getsnippet;

import dev.beamplayground.api.v1.GetSnippetRequest;
import dev.beamplayground.api.v1.GetSnippetResponse;
import dev.beamplayground.connect.CacheableBody;
import dev.beamplayground.connect.ServiceMethods;
import dev.beamplayground.connect.UnaryMethod;
import dev.beamplayground.domain.error.NotFoundException;
import dev.beamplayground.testing.SnippetBench;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The benchmark's baseline, {@code BenchGetSnippet}: GetSnippet's parse, then the real answer captured once (or
 * not_found, through the same error mapping) instead of reading the store and serializing.
 */
@Singleton
@Requires(property = "bench.baseline")
public class BaselineMethods implements ServiceMethods {
    @Override
    public List<UnaryMethod> methods() {
        return List.of(UnaryMethod.renamed("BenchGetSnippet", "GetSnippet", GetSnippetRequest.getDefaultInstance(),
                (GetSnippetRequest r) -> {
                    byte[] answer = SnippetBench.baselineAnswer();
                    if (answer == null) {
                        throw new NotFoundException("snippet does not exist");
                    }
                    return CacheableBody.ofJson(answer, GetSnippetResponse.getDefaultInstance());
                }));
    }
}
