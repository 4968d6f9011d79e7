package dev.beamplayground.function.getsnippet;

import dev.beamplayground.api.v1.GetSnippetRequest;
import dev.beamplayground.connect.ConnectCodec;
import dev.beamplayground.domain.error.NotFoundException;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.wire.SnippetWire;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * The hot-id benchmark's ceiling: GetSnippet answering from the store without counting the visit (the same
 * Connect parse, store read and serialization as the function, no write and no buffer).
 */
@Controller("/bench")
@Requires(property = "bench.baseline")
public class UncountedController {
    private final ConnectCodec codec;
    private final PlaygroundStore store;

    public UncountedController(ConnectCodec codec, PlaygroundStore store) {
        this.codec = codec;
        this.store = store;
    }

    @Post(uri = "/GetSnippetUncounted", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getSnippet(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetSnippetRequest message = codec.parse(request, body, GetSnippetRequest.newBuilder());
        return codec.ok(SnippetWire.toResponse(store.findSnippet(message.getId())
                .orElseThrow(() -> new NotFoundException("snippet does not exist"))));
    }
}
