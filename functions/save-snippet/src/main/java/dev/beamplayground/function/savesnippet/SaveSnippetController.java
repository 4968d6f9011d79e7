package dev.beamplayground.function.savesnippet;

import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.api.v1.SaveSnippetResponse;
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

/** {@code SaveSnippet}: stores a snippet and answers its id. */
@Controller("/api.v1.PlaygroundService")
public class SaveSnippetController {
    private final ConnectCodec codec;
    private final SnippetService snippets;

    public SaveSnippetController(ConnectCodec codec, SnippetService snippets) {
        this.codec = codec;
        this.snippets = snippets;
    }

    // Any content type is routed here so that a wrong one gets a Connect error from the codec.
    @Post(uri = "/SaveSnippet", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> saveSnippet(HttpRequest<?> request, @Nullable @Body byte[] body) {
        SaveSnippetRequest message = codec.parse(request, body, SaveSnippetRequest.newBuilder());
        String id = snippets.save(SnippetWire.toCommand(message));
        return codec.ok(SaveSnippetResponse.newBuilder().setId(id).build());
    }
}
