package dev.beamplayground.versioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.DatasetRef;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectCodecTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    private final SnippetCodec codec = new SnippetCodec();

    static Snippet snippet() {
        return new Snippet("id1", Sdk.SDK_GO, "--x", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "", T0, T0, 2,
                SchemaVersion.CURRENT, List.of(new SnippetFile("main.go", "package main", true, 0)),
                List.of(new DatasetRef("CountWords", "kafka", Map.of("topic", "t"))));
    }

    @Test
    void writesTheCurrentVersionAndReadsItBack() {
        VersionedObject stored = codec.write("id1", snippet(), codec.version());
        assertEquals(SnippetCodec.VERSION, stored.version());
        assertEquals(snippet(), codec.read(stored, snippet().files()));
        assertEquals(1, SnippetCodec.numberOfFiles(stored));
    }

    @Test
    void previousVersionIsUpgradedInMemory() {
        PropertyBag legacy = codec.write("id1", snippet(), codec.version()).properties().without("complexity");
        VersionedObject stored = new VersionedObject("pg_snippets", "id1", ObjectVersion.INITIAL,
                legacy.with("future", new PropertyValue.Text("kept")));

        VersionedObject upgraded = codec.upgrade(stored);

        assertEquals(SnippetCodec.VERSION, upgraded.version());
        assertEquals("COMPLEXITY_UNSPECIFIED", upgraded.properties().text("complexity", null));
        assertEquals("kept", upgraded.properties().text("future", null));
        assertEquals(Complexity.COMPLEXITY_UNSPECIFIED, codec.read(stored).complexity());
        assertTrue(codec.needsUpgrade(stored));
        assertFalse(codec.needsUpgrade(upgraded));
    }

    @Test
    void aNewerMinorIsReadAndKeptAsIs() {
        VersionedObject newer = codec.write("id1", snippet(), codec.version()).withVersion(ObjectVersion.of(1, 7));
        newer = newer.withProperties(newer.properties().with("tags", new PropertyValue.Text("x")));
        assertEquals(newer, codec.upgrade(newer));
        assertEquals(snippet().sdk(), codec.read(newer).sdk());
    }

    @Test
    void otherMajorsAreRefusedWithTheVersions() {
        VersionedObject other = codec.write("id1", snippet(), codec.version()).withVersion(ObjectVersion.of(2, 0));
        UnreadableVersionException e = assertThrows(UnreadableVersionException.class, () -> codec.read(other));
        assertTrue(e.getMessage().contains("pg_snippets id1 is at version 2.0"), e.getMessage());
    }

    @Test
    void rewriteKeepsWhatTheWriterDoesNotWriteAndDropsClearedOptionalFields() {
        Snippet withKey = new Snippet("id1", Sdk.SDK_GO, "--x", Complexity.COMPLEXITY_BASIC, "pk", Origin.TB_USER, "",
                T0, T0, 0, SchemaVersion.CURRENT, snippet().files(), List.of());
        VersionedObject stored = codec.write("id1", withKey, codec.version());
        stored = stored.withProperties(stored.properties().with("future", new PropertyValue.Int(7)));

        VersionedObject rewritten = codec.rewrite(stored, snippet(), SnippetCodec.PREVIOUS);

        assertEquals(SnippetCodec.PREVIOUS, rewritten.version());
        assertEquals(7, rewritten.properties().integer("future", 0));
        assertFalse(rewritten.properties().has("persistenceKey"));
        assertEquals(snippet(), codec.read(rewritten, snippet().files()));
    }

    @Test
    void pinsAreParsedAndChecked() {
        Codecs codecs = Codecs.current();
        assertEquals(SnippetCodec.VERSION, codecs.writeVersion("pg_snippets"));
        assertEquals(SnippetCodec.PREVIOUS, codecs.pinned("pg_snippets=1.0").writeVersion("pg_snippets"));
        assertEquals(Map.of("pg_snippets", SnippetCodec.PREVIOUS), codecs.pinned("previous").pins());
        assertEquals(Map.of(), codecs.pinned(" ").pins());
        IllegalArgumentException tooOld = assertThrows(IllegalArgumentException.class,
                () -> codecs.pinned("pg_files=0.9"));
        assertTrue(tooOld.getMessage().contains("objects.pin"), tooOld.getMessage());
        IllegalArgumentException unwritable = assertThrows(IllegalArgumentException.class,
                () -> codecs.pinned("pg_snippets=1.5"));
        assertEquals("objects.pin: pg_snippets can be pinned to 1.1 or 1.0, not 1.5", unwritable.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codecs.pinned("pg_nothing=1.0"));
    }

    @Test
    void everyCodecRoundTripsItsObjects() {
        Codecs c = Codecs.current();
        var sdk = new dev.beamplayground.domain.SdkInfo(Sdk.SDK_JAVA, "MinimalWordCount");
        assertEquals(sdk, c.sdks().read(c.sdks().write("SDK_JAVA", sdk, SdkCodec.VERSION)));
        var dataset = new dev.beamplayground.domain.Dataset("CountWords", "CountWords.avro");
        assertEquals(dataset, c.datasets().read(c.datasets().write("CountWords", dataset, DatasetCodec.VERSION)));
        var pc = new dev.beamplayground.domain.PrecompiledObject("SDK_GO_Word_Count",
                dev.beamplayground.domain.PrecompiledObject.Kind.GRAPH, "digraph {}");
        assertEquals(pc, c.precompiledObjects().read(c.precompiledObjects().write(pc.key(), pc, PrecompiledObjectCodec.VERSION)));
        var example = new dev.beamplayground.domain.Example("SDK_GO_X", "X", Sdk.SDK_GO, "d", List.of("a"),
                List.of("Core"), "path", dev.beamplayground.domain.PrecompiledObjectType.PRECOMPILED_OBJECT_TYPE_KATA,
                Origin.TB_EXAMPLES, "0.0.1", "vcs", "nb", true, false);
        assertEquals(example, c.examples().read(c.examples().write("SDK_GO_X", example, ExampleCodec.VERSION)));
        var version = new SchemaVersion("0.0.1", "initial");
        assertEquals(version, c.schemaVersions().read(c.schemaVersions().write(version, SchemaVersionCodec.VERSION)));
    }
}
