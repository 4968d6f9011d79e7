package dev.beamplayground.snippet;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Sdk;
import java.util.List;

/**
 * A save request as the client sent it, before validation. Absent values are {@code null} or empty,
 * as the wire format gives them.
 *
 * @param files           the files
 * @param sdk             the SDK, {@code null} when unspecified
 * @param pipelineOptions pipeline options
 * @param complexity      complexity, {@code null} when unspecified
 * @param persistenceKey  Tour of Beam's key, "" when none
 */
public record SaveSnippetCommand(List<FileInput> files, Sdk sdk, String pipelineOptions, Complexity complexity,
                                 String persistenceKey) {
    public SaveSnippetCommand {
        files = files == null ? List.of() : List.copyOf(files);
        pipelineOptions = pipelineOptions == null ? "" : pipelineOptions;
        persistenceKey = persistenceKey == null ? "" : persistenceKey;
    }

    /** One file as sent. */
    public record FileInput(String name, String content, boolean main) implements SnippetIdGenerator.FilePart {
        public FileInput {
            name = name == null ? "" : name;
            content = content == null ? "" : content;
        }
    }
}
