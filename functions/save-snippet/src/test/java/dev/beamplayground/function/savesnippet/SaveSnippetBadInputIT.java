package dev.beamplayground.function.savesnippet;

import static dev.beamplayground.testing.ConnectAssertions.assertOk;

import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.FunctionsPerBackend;
import dev.beamplayground.testing.TestBackend;
import dev.beamplayground.testing.badinput.BadInputRun;
import dev.beamplayground.testing.badinput.BadRequest;
import dev.beamplayground.testing.badinput.MalformedRequests;
import dev.beamplayground.testing.badinput.StoreProbe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed SaveSnippet requests on SQLite and on the Datastore emulator: each is a 4xx Connect error and
 * leaves the store as it was, including an older snippet under the persistence key the requests carry.
 */
@ExtendWith(DatastoreEmulatorExtension.class)
class SaveSnippetBadInputIT {
    @RegisterExtension
    static final FunctionsPerBackend FUNCTIONS = new FunctionsPerBackend();

    static final Map<String, String> FILE = Map.of("name", "\"Main.java\"", "content", "\"class Main {}\"",
            "isMain", "true");
    static final MalformedRequests.Rpc SAVE = new MalformedRequests.Rpc("SaveSnippet",
            SaveSnippetRequest.getDescriptor(), valid(), false);

    private static Map<String, String> valid() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("sdk", "\"SDK_JAVA\"");
        valid.put("files", "[{\"name\":\"Main.java\",\"content\":\"class Main {}\",\"isMain\":true}]");
        valid.put("pipelineOptions", "\"--x=1\"");
        valid.put("complexity", "\"COMPLEXITY_BASIC\"");
        valid.put("persistenceKey", "\"bad-input-key\"");
        return valid;
    }

    static List<BadRequest> cases() {
        return new MalformedRequests(MalformedRequests.SEED)
                .generic(SAVE)
                .snippetBounds(SAVE, new LinkedHashMap<>(Map.of("name", "\"Main.java\"",
                        "content", "\"class Main {}\"", "isMain", "true")))
                .unknownPaths(SAVE, List.of("GetSnippet", "Cancel", "CheckStatus", "GetPrecompiledObjects"))
                .build();
    }

    @TestFactory
    Stream<DynamicContainer> malformedSavesAreRejectedAndWriteNothing(DatastoreEmulator emulator) {
        List<BadRequest> cases = cases();
        return Stream.of(TestBackend.values()).map(backend -> {
            FunctionClient fn = FUNCTIONS.get(backend);
            // An older snippet under the key the requests carry: a request that got through would replace it.
            assertOk(fn.call("SaveSnippet", "{\"sdk\":\"SDK_JAVA\",\"persistenceKey\":\"bad-input-key\","
                    + "\"files\":[{\"name\":\"Seed.java\",\"content\":\"class Seed {}\"}]}"));
            StoreProbe probe = switch (backend) {
                case DATASTORE -> StoreProbe.datastore(emulator,
                        fn.context().getRequiredProperty("backend.namespace", String.class));
                case SQLITE -> StoreProbe.sqlite(Path.of(fn.context().getRequiredProperty("backend.path", String.class)));
            };
            return DynamicContainer.dynamicContainer(backend.name(),
                    new BadInputRun("save-snippet/" + backend, fn, probe).tests(cases));
        });
    }

    @AfterAll
    static void report() {
        System.out.println(BadInputRun.report());
    }
}
