package dev.beamplayground.snippet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.domain.error.InvalidArgumentException;
import dev.beamplayground.snippet.SaveSnippetCommand.FileInput;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetValidatorTest {
    private final SnippetValidator validator = new SnippetValidator(SnippetLimits.defaults());

    private static SaveSnippetCommand command(FileInput... files) {
        return new SaveSnippetCommand(List.of(files), Sdk.SDK_JAVA, "", null, "");
    }

    private String refusal(SaveSnippetCommand command) {
        return assertThrows(InvalidArgumentException.class, () -> validator.validate(command)).getMessage();
    }

    @Test
    void theOnlyFileIsMain() {
        List<SnippetFile> files = validator.validate(command(new FileInput(" Main.java ", "class A {}", false)));
        assertEquals(List.of(new SnippetFile("Main.java", "class A {}", true, 0)), files);
    }

    @Test
    void ofSeveralFilesExactlyOneIsMain() {
        assertTrue(refusal(command(new FileInput("A.java", "a", false), new FileInput("B.java", "b", false)))
                .contains("exactly one"));
        assertTrue(refusal(command(new FileInput("A.java", "a", true), new FileInput("B.java", "b", true)))
                .contains("exactly one"));
        assertEquals(2, validator.validate(command(new FileInput("A.java", "a", true),
                new FileInput("B.java", "", false))).size());
    }

    @Test
    void fileSizeIsBoundedInUtf8Bytes() {
        validator.validate(command(new FileInput("A.java", "a".repeat(1_000_000), true)));
        assertTrue(refusal(command(new FileInput("A.java", "a".repeat(1_000_001), true))).contains("1000001 bytes"));
        // 500,001 two-byte characters are 1,000,002 bytes.
        assertTrue(refusal(command(new FileInput("A.java", "é".repeat(500_001), true))).contains("bytes"));
    }

    @Test
    void refusesWhatCannotBeStored() {
        assertTrue(refusal(new SaveSnippetCommand(List.of(), Sdk.SDK_JAVA, "", null, "")).contains("at least one"));
        assertTrue(refusal(new SaveSnippetCommand(List.of(new FileInput("a", "b", true)), null, "", null, ""))
                .contains("sdk"));
        assertTrue(refusal(command(new FileInput("", "x", true))).contains("name"));
        assertTrue(refusal(command(new FileInput("a\u0000b", "x", true))).contains("name"));
        assertTrue(refusal(command(new FileInput("A.java", "  \n", true))).contains("no code"));
        assertTrue(refusal(command(new FileInput("A.java", "a", true), new FileInput(" A.java", "b", false)))
                .contains("repeats"));
        List<FileInput> many = Collections.nCopies(33, new FileInput("x", "y", false));
        assertTrue(refusal(new SaveSnippetCommand(many, Sdk.SDK_JAVA, "", null, "")).contains("at most 32"));
        assertTrue(refusal(new SaveSnippetCommand(List.of(new FileInput("a", "b", true)), Sdk.SDK_JAVA, "",
                null, "k".repeat(1025))).contains("persistence_key"));
        assertTrue(refusal(new SaveSnippetCommand(List.of(new FileInput("a", "b", true)), Sdk.SDK_JAVA,
                "o".repeat(10_001), null, "")).contains("pipeline_options"));
    }

    @Test
    void totalContentIsBounded() {
        FileInput[] files = new FileInput[5];
        for (int i = 0; i < files.length; i++) {
            files[i] = new FileInput("F" + i, "x".repeat(900_000), i == 0);
        }
        assertTrue(refusal(command(files)).contains("4000000"));
    }
}
