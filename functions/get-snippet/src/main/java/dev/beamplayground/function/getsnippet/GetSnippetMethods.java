package dev.beamplayground.function.getsnippet;

import dev.beamplayground.api.v1.GetSnippetRequest;
import dev.beamplayground.connect.Reply;
import dev.beamplayground.connect.ServiceMethods;
import dev.beamplayground.connect.UnaryMethod;
import dev.beamplayground.snippet.SnippetService;
import dev.beamplayground.wire.SnippetWire;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code GetSnippet}: a stored snippet, counting the visit. */
@Singleton
public class GetSnippetMethods implements ServiceMethods {
    private final SnippetService snippets;

    public GetSnippetMethods(SnippetService snippets) {
        this.snippets = snippets;
    }

    @Override
    public List<UnaryMethod> methods() {
        return List.of(UnaryMethod.of("GetSnippet", GetSnippetRequest.getDefaultInstance(),
                (GetSnippetRequest r) -> Reply.of(SnippetWire.toResponse(snippets.open(r.getId())))));
    }
}
