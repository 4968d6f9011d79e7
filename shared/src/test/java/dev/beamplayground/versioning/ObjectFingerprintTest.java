package dev.beamplayground.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Snippet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every object version has one shape. The table below is committed: a change of fields without a
 * version bump fails here with what to do. Change a hash only together with a version bump.
 */
class ObjectFingerprintTest {
    static final Map<String, String> COMMITTED = Map.of(
            "pg_snippets", "1.1-825b3ce8d309",
            "pg_files", "1.0-263482748a7f",
            "pg_examples", "1.0-b9c35d744c6e",
            "pg_sdks", "1.0-d4c401848d47",
            "pg_datasets", "1.0-1a25cd53abaa",
            "pg_pc_objects", "1.0-29b393eb8c95",
            "pg_schema_versions", "1.0-a817ae8820d4",
            "pg_instances", "1.0-65cff0fb9cba");

    @Test
    void everyObjectVersionHasItsCommittedFingerprint() {
        List<String> problems = FingerprintCheck.problems(COMMITTED, Codecs.current().all());
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertEquals(COMMITTED.keySet().size(), Codecs.current().all().size());
    }

    /** A field added to pg_snippets without a version bump: the check fails and says what to do. */
    @Test
    void aFieldChangeWithoutAVersionBumpFailsWithInstructions() {
        ObjectCodec<Snippet> sneaky = new ForwardingSnippetCodec(SnippetCodec.VERSION,
                Field.texts("tags").optional());

        List<String> problems = FingerprintCheck.problems(COMMITTED, List.of(sneaky));

        assertEquals(1, problems.size(), problems::toString);
        String message = problems.get(0);
        assertTrue(message.startsWith("The fields of pg_snippets changed but its version is still 1.1"), message);
        assertTrue(message.contains("Bump ForwardingSnippetCodec.VERSION"), message);
        assertTrue(message.contains("upgradeFromPrevious and makeCompatible"), message);
        assertTrue(message.contains("ObjectFingerprintTest.COMMITTED"), message);
    }

    @Test
    void aBumpedVersionAsksForTheNewTableEntry() {
        ObjectCodec<Snippet> bumped = new ForwardingSnippetCodec(ObjectVersion.of(1, 2),
                Field.texts("tags").optional());

        List<String> problems = FingerprintCheck.problems(COMMITTED, List.of(bumped));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("pg_snippets is now at 1.2"), problems.get(0));
    }

    @Test
    void indexingAndPresenceArePartOfTheShape() {
        String base = new ForwardingSnippetCodec(SnippetCodec.VERSION).fingerprint();
        assertEquals(new SnippetCodec().fingerprint(), base);
        List<String> prints = new ArrayList<>();
        prints.add(new ForwardingSnippetCodec(SnippetCodec.VERSION, Field.text("x")).fingerprint());
        prints.add(new ForwardingSnippetCodec(SnippetCodec.VERSION, Field.text("x").optional()).fingerprint());
        prints.add(new ForwardingSnippetCodec(SnippetCodec.VERSION, Field.text("x").unindexed()).fingerprint());
        assertEquals(3, prints.stream().distinct().count());
        assertTrue(prints.stream().noneMatch(base::equals));
    }

    /** The snippet codec with other fields or version: what an edit of SnippetCodec would look like. */
    private static final class ForwardingSnippetCodec extends ObjectCodec<Snippet> {
        private final SnippetCodec real = new SnippetCodec();

        ForwardingSnippetCodec(ObjectVersion version, Field... extra) {
            super(Snippet.KIND, version, SnippetCodec.PREVIOUS, plus(new SnippetCodec().fields(), extra));
        }

        private static List<Field> plus(List<Field> fields, Field... extra) {
            List<Field> all = new ArrayList<>(fields);
            all.addAll(List.of(extra));
            return all;
        }

        @Override
        protected PropertyBag encode(Snippet value) {
            return real.encode(value);
        }

        @Override
        protected Snippet decode(String key, PropertyBag properties) {
            return real.decode(key, properties);
        }
    }
}
