package dev.beamplayground.function.savesnippet;

import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.connect.ConnectCodec;
import dev.beamplayground.testing.SnippetBench;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/** The benchmark's baseline: SaveSnippet's Connect parse, then a constant answer instead of validating and storing. */
@Controller("/bench")
@Requires(property = "bench.baseline")
public class BaselineController {
    private final ConnectCodec codec;

    public BaselineController(ConnectCodec codec) {
        this.codec = codec;
    }

    @Post(uri = "/SaveSnippet", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> saveSnippet(HttpRequest<?> request, @Nullable @Body byte[] body) {
        codec.parse(request, body, SaveSnippetRequest.newBuilder());
        return codec.ok(SnippetBench.baselineAnswer());
    }
}
