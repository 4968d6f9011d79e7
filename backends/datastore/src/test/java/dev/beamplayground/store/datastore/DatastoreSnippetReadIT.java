package dev.beamplayground.store.datastore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
import dev.beamplayground.store.PlaygroundStore;
import dev.beamplayground.testing.CountingProxy;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A snippet is read with its first file in one lookup: get-snippet (and an instance's first answer) waits for one
 * Datastore call where most snippets have one file, and for a second only for the files after the first.
 */
@ExtendWith(DatastoreEmulatorExtension.class)
class DatastoreSnippetReadIT {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static Snippet snippet(String id, int files) {
        List<SnippetFile> list = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            list.add(new SnippetFile("f" + i + ".py", "print(" + i + ")", i == 0, 0));
        }
        return new Snippet(id, Sdk.SDK_PYTHON, "", Complexity.COMPLEXITY_BASIC, "", Origin.PG_USER, "", T0, T0, 0,
                SchemaVersion.CURRENT, list, List.of());
    }

    @Test
    void aSnippetIsReadWithItsFirstFileInOneLookup(DatastoreEmulator emulator) throws Exception {
        try (CountingProxy rpcs = CountingProxy.to(emulator.host());
             PlaygroundStore store = CountedStore.open(emulator, rpcs, "snippet-read")) {
            Snippet one = snippet("one-file", 1);
            Snippet three = snippet("three-files", 3);
            store.saveSnippet(one);
            store.saveSnippet(three);

            rpcs.reset();
            assertEquals(Optional.of(one), store.findSnippet("one-file"));
            assertEquals(Map.of("lookup", 1), rpcs.byMethod());

            rpcs.reset();
            assertEquals(Optional.of(three), store.findSnippet("three-files"));
            assertEquals(Map.of("lookup", 2), rpcs.byMethod());

            rpcs.reset();
            assertEquals(Optional.empty(), store.findSnippet("absent"));
            assertEquals(Map.of("lookup", 1), rpcs.byMethod());

            // An id at the key-name limit has no first file to look up beside it, and is simply not found.
            rpcs.reset();
            assertEquals(Optional.empty(), store.findSnippet("x".repeat(1500)));
            assertEquals(Map.of("lookup", 1), rpcs.byMethod());
        }
    }
}
