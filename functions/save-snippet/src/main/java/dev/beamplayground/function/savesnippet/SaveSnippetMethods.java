package dev.beamplayground.function.savesnippet;

import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.api.v1.SaveSnippetResponse;
import dev.beamplayground.connect.Reply;
import dev.beamplayground.connect.ServiceMethods;
import dev.beamplayground.connect.UnaryMethod;
import dev.beamplayground.snippet.SnippetService;
import dev.beamplayground.wire.SnippetWire;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code SaveSnippet}: stores a snippet and answers its id. */
@Singleton
public class SaveSnippetMethods implements ServiceMethods {
    private final SnippetService snippets;

    public SaveSnippetMethods(SnippetService snippets) {
        this.snippets = snippets;
    }

    @Override
    public List<UnaryMethod> methods() {
        return List.of(UnaryMethod.of("SaveSnippet", SaveSnippetRequest.getDefaultInstance(),
                (SaveSnippetRequest r) -> Reply.of(SaveSnippetResponse.newBuilder()
                        .setId(snippets.save(SnippetWire.toCommand(r))).build())));
    }
}
