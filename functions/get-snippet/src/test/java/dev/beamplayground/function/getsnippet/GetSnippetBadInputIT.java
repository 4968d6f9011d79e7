package dev.beamplayground.function.getsnippet;

import dev.beamplayground.api.v1.GetSnippetRequest;
import dev.beamplayground.domain.Complexity;
import dev.beamplayground.domain.Origin;
import dev.beamplayground.domain.SchemaVersion;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.domain.Snippet;
import dev.beamplayground.domain.SnippetFile;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed GetSnippet requests on SQLite and on the Datastore emulator: each is a 4xx Connect error and
 * counts no visit (the stored snippet's visit count and time are part of the store's picture).
 */
@ExtendWith(DatastoreEmulatorExtension.class)
class GetSnippetBadInputIT {
    @RegisterExtension
    static final FunctionsPerBackend FUNCTIONS = new FunctionsPerBackend();

    private static final String STORED_ID = "badInputSeed_1";
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
    static final MalformedRequests.Rpc GET = new MalformedRequests.Rpc("GetSnippet",
            GetSnippetRequest.getDescriptor(), Map.of("id", "\"" + STORED_ID + "\""), false);

    static List<BadRequest> cases() {
        return new MalformedRequests(MalformedRequests.SEED)
                .generic(GET)
                .snippetIds(GET, "id", STORED_ID)
                .unknownPaths(GET, List.of("SaveSnippet", "GetPrecompiledObjectCode", "GetRunOutput"))
                .build();
    }

    @TestFactory
    Stream<DynamicContainer> malformedReadsAreRejectedAndCountNoVisit(DatastoreEmulator emulator) {
        List<BadRequest> cases = cases();
        return Stream.of(TestBackend.values()).map(backend -> {
            FunctionClient fn = FUNCTIONS.get(backend);
            fn.store().saveSnippet(new Snippet(STORED_ID, Sdk.SDK_JAVA, "", Complexity.COMPLEXITY_BASIC, "",
                    Origin.PG_USER, "", CREATED, CREATED, 0, SchemaVersion.CURRENT,
                    List.of(new SnippetFile("Main.java", "class Main {}", true, 0)), List.of()));
            StoreProbe probe = switch (backend) {
                case DATASTORE -> StoreProbe.datastore(emulator,
                        fn.context().getRequiredProperty("backend.namespace", String.class));
                case SQLITE -> StoreProbe.sqlite(Path.of(fn.context().getRequiredProperty("backend.path", String.class)));
            };
            return DynamicContainer.dynamicContainer(backend.name(),
                    new BadInputRun("get-snippet/" + backend, fn, probe).tests(cases));
        });
    }

    @AfterAll
    static void report() {
        System.out.println(BadInputRun.report());
    }
}
