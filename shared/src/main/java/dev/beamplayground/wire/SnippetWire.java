package dev.beamplayground.wire;

import dev.beamplayground.api.v1.GetSnippetResponse;
import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.snippet.SaveSnippetCommand;

/** The one mapper between snippet messages of the API and the domain. */
public final class SnippetWire {
    private SnippetWire() {
    }

    public static SaveSnippetCommand toCommand(SaveSnippetRequest request) {
        return new SaveSnippetCommand(
                request.getFilesList().stream()
                        .map(f -> new SaveSnippetCommand.FileInput(f.getName(), f.getContent(), f.getIsMain()))
                        .toList(),
                EnumWire.toDomain("sdk", request.getSdk(), Sdk.class),
                request.getPipelineOptions(),
                EnumWire.toDomain("complexity", request.getComplexity(), Complexity.class),
                request.getPersistenceKey());
    }

    public static GetSnippetResponse toResponse(Snippet snippet) {
        GetSnippetResponse.Builder response = GetSnippetResponse.newBuilder()
                .setSdk(dev.beamplayground.api.v1.Sdk.valueOf(snippet.sdk().name()))
                .setPipelineOptions(snippet.pipelineOptions())
                .setComplexity(dev.beamplayground.api.v1.Complexity.valueOf(snippet.complexity().name()));
        snippet.files().forEach(f -> response.addFilesBuilder()
                .setName(f.name())
                .setContent(f.content())
                .setIsMain(f.main()));
        return response.build();
    }
}
