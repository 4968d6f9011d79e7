package dev.beamplayground.snippet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.snippet.SaveSnippetCommand.FileInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected ids were computed independently (Python hashlib/base64) from the algorithm of the brief. */
class SnippetIdGeneratorTest {
    private final SnippetIdGenerator ids = new SnippetIdGenerator(SnippetIdGenerator.DEFAULT_SALT, 11);

    @Test
    void matchesTheReferenceAlgorithm() {
        List<FileInput> files = List.of(new FileInput("main.go", "  package main\n\nfunc main() {}\n ", true),
                new FileInput(" util.go ", "package util", false));
        assertEquals("FC6wZarMjJa", ids.idOf(files, Sdk.SDK_GO, "--a=b", Complexity.COMPLEXITY_BASIC, "pk1"));
    }

    @Test
    void absentComplexityHashesAsUnspecified() {
        List<FileInput> files = List.of(new FileInput("main.go", "package main", true));
        assertEquals("J6rDsQ-A6Kf", ids.idOf(files, Sdk.SDK_GO, "", null, ""));
        assertEquals("J6rDsQ-A6Kf", ids.idOf(files, Sdk.SDK_GO, "", Complexity.COMPLEXITY_UNSPECIFIED, ""));
    }

    @Test
    void fileOrderDoesNotMatterButContentDoes() {
        FileInput a = new FileInput("a.py", "print(1)", true);
        FileInput b = new FileInput("b.py", "print(2)", false);
        String id = ids.idOf(List.of(a, b), Sdk.SDK_PYTHON, "", null, "");
        assertEquals(id, ids.idOf(List.of(b, a), Sdk.SDK_PYTHON, "", null, ""));
        assertNotEquals(id, ids.idOf(List.of(a, b), Sdk.SDK_JAVA, "", null, ""));
        assertNotEquals(id, ids.idOf(List.of(a, b), Sdk.SDK_PYTHON, "", null, "key"));
    }

    @Test
    void extendsWhileTheLastCharacterIsAnUnderscore() {
        // SHA-256 of salt + "x273" encodes as "TQjbFN2olP_hep...": the 11th character is '_'.
        assertEquals("TQjbFN2olP_h", ids.idOfContent("x273"));
    }

    @Test
    void sortsByUtf8BytesLikeGo() {
        // U+FF21 sorts before U+1F600 in UTF-16 order but after it in UTF-8 byte order.
        String content = SnippetIdGenerator.contentOf(
                List.of(new FileInput("n", "\uFF21", true), new FileInput("n2", "\uD83D\uDE00", false)),
                Sdk.SDK_GO, "", null, "");
        assertEquals("\uFF21n\uD83D\uDE00n2/pg_sdks,SDK_GOCOMPLEXITY_UNSPECIFIED", content);
    }
}
