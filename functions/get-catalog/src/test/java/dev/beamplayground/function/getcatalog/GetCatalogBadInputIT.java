package dev.beamplayground.function.getcatalog;

import static dev.beamplayground.testing.CatalogFixtures.example;
import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.Descriptors.Descriptor;
import dev.beamplayground.api.v1.GetDefaultPrecompiledObjectRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectCodeRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectGraphRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectLogsRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectOutputRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectsRequest;
import dev.beamplayground.catalog.CatalogPublisher;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import dev.beamplayground.testing.badinput.BadInputRun;
import dev.beamplayground.testing.badinput.BadRequest;
import dev.beamplayground.testing.badinput.MalformedRequests;
import dev.beamplayground.testing.badinput.StoreProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed requests to every catalog method, as Connect POST and as Connect GET, on the Datastore emulator
 * with a real redis-server as the shared cache: each is a 4xx Connect error, and neither the store nor the
 * cache changes.
 */
@ExtendWith({DatastoreEmulatorExtension.class, RedisServerExtension.class})
class GetCatalogBadInputIT {
    static final String STORED = "SDK_JAVA_WordCount";
    private static final String NAMESPACE = "catalogbadinput";
    private static DatastoreEmulator emulator;
    private static RedisServer redis;
    private static FunctionClient fn;

    @BeforeAll
    static void start(DatastoreEmulator e, RedisServer r) {
        emulator = e;
        redis = r;
        redis.flushAll();
        fn = FunctionClient.start(Map.of("backend.module", "datastore", "backend.emulator-host", e.host(),
                "backend.project-id", e.projectId(), "backend.namespace", NAMESPACE, "redis.uri", r.uri()));
        fn.context().getBean(CatalogPublisher.class).publish(List.of(example(Sdk.SDK_JAVA, "WordCount", "Quickstart"),
                example(Sdk.SDK_GO, "WordCount", "Quickstart")), List.<Dataset>of(), Set.of(STORED));
        // The first read fills the shared cache; from then on nothing a read does writes anywhere.
        assertOk(fn.call("GetPrecompiledObjects", "{}"));
    }

    @AfterAll
    static void stop() {
        fn.close();
        System.out.println(BadInputRun.report());
    }

    private static MalformedRequests.Rpc byPath(String name, Descriptor request) {
        return new MalformedRequests.Rpc(name, request, Map.of("cloudPath", "\"" + STORED + "\""), true);
    }

    static List<BadRequest> cases() {
        List<MalformedRequests.Rpc> byPath = List.of(
                byPath("GetPrecompiledObject", GetPrecompiledObjectRequest.getDescriptor()),
                byPath("GetPrecompiledObjectCode", GetPrecompiledObjectCodeRequest.getDescriptor()),
                byPath("GetPrecompiledObjectOutput", GetPrecompiledObjectOutputRequest.getDescriptor()),
                byPath("GetPrecompiledObjectLogs", GetPrecompiledObjectLogsRequest.getDescriptor()),
                byPath("GetPrecompiledObjectGraph", GetPrecompiledObjectGraphRequest.getDescriptor()));
        Map<String, String> listing = new LinkedHashMap<>();
        listing.put("sdk", "\"SDK_JAVA\"");
        listing.put("category", "\"Quickstart\"");
        MalformedRequests.Rpc objects = new MalformedRequests.Rpc("GetPrecompiledObjects",
                GetPrecompiledObjectsRequest.getDescriptor(), listing, true);
        MalformedRequests.Rpc defaultObject = new MalformedRequests.Rpc("GetDefaultPrecompiledObject",
                GetDefaultPrecompiledObjectRequest.getDescriptor(), Map.of("sdk", "\"SDK_JAVA\""), true);
        MalformedRequests generator = new MalformedRequests(MalformedRequests.SEED);
        for (MalformedRequests.Rpc rpc : byPath) {
            generator.generic(rpc).cloudPaths(rpc, "cloudPath", STORED);
        }
        return generator.generic(objects)
                .values(objects, "category", Map.of("of 257 characters", "\"" + "c".repeat(257) + "\"",
                        "of 100000 characters", "\"" + "c".repeat(100_000) + "\"",
                        "a lone surrogate", "\"Quick\\uD800\""), Set.of(400))
                .generic(defaultObject)
                .values(defaultObject, "sdk", Map.of("SDK_UNSPECIFIED", "\"SDK_UNSPECIFIED\"", "0", "0",
                        "null", "null"), Set.of(400))
                .bodies(defaultObject, Map.of("empty object", "{}"), Set.of(400))
                .unknownPaths(objects, List.of("GetSnippet", "Cancel", "GetRunOutput", "GetPrecompiledObjectsX"))
                .build();
    }

    @TestFactory
    Stream<DynamicTest> malformedCatalogReadsAreRejectedAndWriteNothing() {
        // Each case: the shared cache unchanged. The store (which no catalog read writes) is compared once
        // over all cases, by the last dynamic test of this factory: a query per case would cost more than the cases.
        String datastoreBefore = StoreProbe.datastore(emulator, NAMESPACE).snapshot();
        assertFalse(datastoreBefore.startsWith("0 entities"), "the catalog was not loaded");
        return Stream.concat(new BadInputRun("get-catalog", fn, StoreProbe.redis(redis)).tests(cases()),
                Stream.of(DynamicTest.dynamicTest("the store is as before", () ->
                        assertEquals(datastoreBefore, StoreProbe.datastore(emulator, NAMESPACE).snapshot()))));
    }
}
