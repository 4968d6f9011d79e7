package dev.beamplayground.function.getsnippet;

import dev.beamplayground.api.v1.GetSnippetRequest;
import dev.beamplayground.connect.ConnectCodec;
import dev.beamplayground.snippet.SnippetService;
import dev.beamplayground.wire.SnippetWire;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * {@code GetSnippet}: answers a snippet and counts the visit in the same call. The store does the
 * count in one transaction that runs beside the read of the files, so the answer waits for one
 * commit at most, and no second HTTP call is made.
 */
@Controller("/api.v1.PlaygroundService")
public class GetSnippetController {
    private final ConnectCodec codec;
    private final SnippetService snippets;

    public GetSnippetController(ConnectCodec codec, SnippetService snippets) {
        this.codec = codec;
        this.snippets = snippets;
    }

    // Any content type is routed here so that a wrong one gets a Connect error from the codec.
    @Post(uri = "/GetSnippet", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> getSnippet(HttpRequest<?> request, @Nullable @Body byte[] body) {
        GetSnippetRequest message = codec.parse(request, body, GetSnippetRequest.newBuilder());
        return codec.ok(SnippetWire.toResponse(snippets.open(message.getId())));
    }
}
