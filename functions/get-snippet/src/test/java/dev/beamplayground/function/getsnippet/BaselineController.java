package dev.beamplayground.function.getsnippet;

import dev.beamplayground.api.v1.GetSnippetRequest;
import dev.beamplayground.connect.ConnectCodec;
import dev.beamplayground.domain.error.NotFoundException;
import dev.beamplayground.testing.SnippetBench;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * The benchmark's baseline: GetSnippet's Connect parse, then the real answer captured once (or not_found, through
 * the same error mapping) instead of reading the store and serializing.
 */
@Controller("/bench")
@Requires(property = "bench.baseline")
public class BaselineController {
    private final ConnectCodec codec;

    public BaselineController(ConnectCodec codec) {
        this.codec = codec;
    }

    @Post(uri = "/GetSnippet", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getSnippet(HttpRequest<?> request, @Nullable @Body byte[] body) {
        codec.parse(request, body, GetSnippetRequest.newBuilder());
        byte[] answer = SnippetBench.baselineAnswer();
        if (answer == null) {
            throw new NotFoundException("snippet does not exist");
        }
        return codec.ok(answer);
    }
}
