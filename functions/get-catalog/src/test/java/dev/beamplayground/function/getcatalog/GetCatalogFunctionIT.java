package dev.beamplayground.function.getcatalog;

import static dev.beamplayground.testing.CatalogFixtures.changed;
import static dev.beamplayground.testing.CatalogFixtures.example;
import static dev.beamplayground.testing.CatalogFixtures.withDataset;
import static dev.beamplayground.testing.ConnectAssertions.assertConnectError;
import static dev.beamplayground.testing.ConnectAssertions.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.beamplayground.api.v1.Categories;
import dev.beamplayground.api.v1.GetDefaultPrecompiledObjectResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectCodeResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectResponse;
import dev.beamplayground.api.v1.GetPrecompiledObjectsResponse;
import dev.beamplayground.api.v1.PrecompiledObject;
import dev.beamplayground.catalog.CatalogPublisher;
import dev.beamplayground.domain.Dataset;
import dev.beamplayground.domain.Sdk;
import dev.beamplayground.store.LoadedExample;
import dev.beamplayground.testing.CountingProxy;
import dev.beamplayground.testing.DatastoreEmulator;
import dev.beamplayground.testing.DatastoreEmulatorExtension;
import dev.beamplayground.testing.FunctionClient;
import dev.beamplayground.testing.RedisServer;
import dev.beamplayground.testing.RedisServerExtension;
import dev.beamplayground.testing.FunctionResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * get-catalog over HTTP on the Datastore emulator (every RPC counted by a proxy in front of it) with a real
 * redis-server as the shared cache.
 */
@ExtendWith({DatastoreEmulatorExtension.class, RedisServerExtension.class})
class GetCatalogFunctionIT {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static DatastoreEmulator emulator;
    private static RedisServer redis;
    private static CountingProxy datastoreCalls;

    private final List<FunctionClient> started = new ArrayList<>();
    private String namespace;

    /** The catalog of most tests: two categories in Java (one example in both), Go, Python. */
    static final LoadedExample JAVA_WORD_COUNT = withDataset(example(Sdk.SDK_JAVA, "WordCount", 2,
            List.of("Quickstart", "IO")), "CountWords");
    static final LoadedExample JAVA_MINIMAL = example(Sdk.SDK_JAVA, "MinimalWordCount", "Quickstart");
    static final LoadedExample JAVA_AGGREGATE = example(Sdk.SDK_JAVA, "Aggregate", "Core Transforms");
    static final LoadedExample GO_WORD_COUNT = example(Sdk.SDK_GO, "WordCount", "Quickstart");
    static final LoadedExample PYTHON_WORD_COUNT = example(Sdk.SDK_PYTHON, "WordCount", "Quickstart");
    static final List<LoadedExample> CATALOG = List.of(PYTHON_WORD_COUNT, JAVA_MINIMAL, GO_WORD_COUNT, JAVA_WORD_COUNT,
            JAVA_AGGREGATE);
    static final Set<String> DEFAULTS = Set.of(JAVA_WORD_COUNT.id(), GO_WORD_COUNT.id(), PYTHON_WORD_COUNT.id());
    static final List<Dataset> DATASETS = List.of(new Dataset("CountWords", "/datasets/CountWords.avro"));

    @BeforeAll
    static void servers(DatastoreEmulator e, RedisServer r) {
        emulator = e;
        redis = r;
        datastoreCalls = CountingProxy.to(emulator.host());
    }

    @AfterAll
    static void closeProxy() {
        datastoreCalls.close();
    }

    @BeforeEach
    void freshNamespaceAndCache() {
        namespace = "catalogfn" + NAMESPACES.incrementAndGet();
        redis.flushAll();
    }

    @AfterEach
    void stop() {
        started.forEach(FunctionClient::close);
        if (!redis.isRunning()) {
            redis.restart();
        }
    }

    /** A function instance on this test's namespace, through the counting proxy, with or without Redis. */
    private FunctionClient function(boolean withRedis) {
        Map<String, Object> properties = new HashMap<>(Map.of("backend.module", "datastore",
                "backend.emulator-host", datastoreCalls.host(),
                "backend.project-id", emulator.projectId(),
                "backend.namespace", namespace));
        if (withRedis) {
            properties.put("redis.uri", redis.uri());
            properties.put("catalog.redis-timeout", "2s");
        }
        FunctionClient fn = FunctionClient.start(properties);
        started.add(fn);
        return fn;
    }

    private static CatalogPublisher.Result load(FunctionClient fn, List<LoadedExample> examples) {
        return fn.context().getBean(CatalogPublisher.class).publish(examples, DATASETS,
                DEFAULTS.stream().filter(id -> examples.stream().anyMatch(e -> e.id().equals(id)))
                        .collect(java.util.stream.Collectors.toSet()));
    }

    private static <T extends Message.Builder> T parse(String json, T builder) throws Exception {
        JsonFormat.parser().merge(json, builder);
        return builder;
    }

    /** The listing as "SDK/category/cloud path" lines, in answer order. */
    private static List<String> lines(FunctionResponse response) throws Exception {
        GetPrecompiledObjectsResponse catalog = parse(assertOk(response), GetPrecompiledObjectsResponse.newBuilder()).build();
        List<String> out = new ArrayList<>();
        for (Categories c : catalog.getSdkCategoriesList()) {
            for (Categories.Category category : c.getCategoriesList()) {
                for (PrecompiledObject o : category.getPrecompiledObjectsList()) {
                    out.add(c.getSdk() + "/" + category.getCategoryName() + "/" + o.getCloudPath());
                }
            }
        }
        return out;
    }

    private static final List<String> EXPECTED = List.of(
            "SDK_JAVA/Core Transforms/SDK_JAVA_Aggregate",
            "SDK_JAVA/IO/SDK_JAVA_WordCount",
            "SDK_JAVA/Quickstart/SDK_JAVA_MinimalWordCount",
            "SDK_JAVA/Quickstart/SDK_JAVA_WordCount",
            "SDK_GO/Quickstart/SDK_GO_WordCount",
            "SDK_PYTHON/Quickstart/SDK_PYTHON_WordCount");

    @Test
    void theCatalogIsTheLoadedExamplesInDeterministicOrder() throws Exception {
        FunctionClient fn = function(true);
        assertEquals(1, load(fn, CATALOG).version());

        assertEquals(EXPECTED, lines(fn.call("GetPrecompiledObjects", "{}")));
        assertEquals(List.of("SDK_JAVA/Quickstart/SDK_JAVA_MinimalWordCount", "SDK_JAVA/Quickstart/SDK_JAVA_WordCount"),
                lines(fn.call("GetPrecompiledObjects", "{\"sdk\":\"SDK_JAVA\",\"category\":\"Quickstart\"}")));
        assertEquals(List.of("SDK_GO/Quickstart/SDK_GO_WordCount"),
                lines(fn.call("GetPrecompiledObjects", "{\"sdk\":2}")));
        assertEquals(List.of(), lines(fn.call("GetPrecompiledObjects", "{\"category\":\"No such category\"}")));

        PrecompiledObject wordCount = parse(assertOk(fn.call("GetPrecompiledObject",
                "{\"cloud_path\":\"SDK_JAVA_WordCount\"}")), GetPrecompiledObjectResponse.newBuilder()).getPrecompiledObject();
        assertEquals("WordCount", wordCount.getName());
        assertEquals("About WordCount", wordCount.getDescription());
        assertEquals("--output=out.txt", wordCount.getPipelineOptions());
        assertTrue(wordCount.getMultifile());
        assertEquals(4, wordCount.getContextLine());
        assertTrue(wordCount.getDefaultExample());
        assertEquals(dev.beamplayground.api.v1.Complexity.COMPLEXITY_MEDIUM, wordCount.getComplexity());
        assertEquals(List.of("tag-wordcount", "beam"), wordCount.getTagsList());
        assertEquals("https://github.com/apache/beam/blob/master/WordCount", wordCount.getLink());
        assertEquals("https://github.com/apache/beam/WordCount", wordCount.getUrlVcs());
        assertEquals(dev.beamplayground.api.v1.PrecompiledObjectType.PRECOMPILED_OBJECT_TYPE_EXAMPLE, wordCount.getType());
        assertEquals(1, wordCount.getDatasetsCount());
        assertEquals("/datasets/CountWords.avro", wordCount.getDatasets(0).getDatasetPath());
        assertEquals(dev.beamplayground.api.v1.EmulatorType.EMULATOR_TYPE_KAFKA, wordCount.getDatasets(0).getType());
        assertEquals(Map.of("topic", "dataset"), wordCount.getDatasets(0).getOptionsMap());

        GetPrecompiledObjectCodeResponse code = parse(assertOk(fn.call("GetPrecompiledObjectCode",
                "{\"cloudPath\":\"SDK_JAVA_WordCount\"}")), GetPrecompiledObjectCodeResponse.newBuilder()).build();
        assertEquals("code of WordCount #0", code.getCode());
        assertEquals(2, code.getFilesCount());
        assertTrue(code.getFiles(0).getIsMain());
        assertTrue(assertOk(fn.call("GetPrecompiledObjectOutput", "{\"cloudPath\":\"SDK_GO_WordCount\"}"))
                .contains("\"output\":\"output of WordCount\""));
        assertTrue(assertOk(fn.call("GetPrecompiledObjectLogs", "{\"cloudPath\":\"SDK_GO_WordCount\"}"))
                .contains("\"output\":\"log of WordCount\""));
        assertEquals("{}", assertOk(fn.call("GetPrecompiledObjectGraph", "{\"cloudPath\":\"SDK_GO_WordCount\"}")));
    }

    @Test
    void theDefaultExampleOfEachSdk() throws Exception {
        FunctionClient fn = function(true);
        load(fn, CATALOG);
        for (LoadedExample e : List.of(JAVA_WORD_COUNT, GO_WORD_COUNT, PYTHON_WORD_COUNT)) {
            PrecompiledObject o = parse(assertOk(fn.call("GetDefaultPrecompiledObject",
                    "{\"sdk\":\"" + e.example().sdk() + "\"}")), GetDefaultPrecompiledObjectResponse.newBuilder())
                    .getPrecompiledObject();
            assertEquals(e.id(), o.getCloudPath());
            assertTrue(o.getDefaultExample());
        }
        assertConnectError(fn.call("GetDefaultPrecompiledObject", "{\"sdk\":\"SDK_SCIO\"}"), 404, "not_found");
        assertConnectError(fn.call("GetDefaultPrecompiledObject", "{}"), 400, "invalid_argument");
        assertConnectError(fn.call("GetDefaultPrecompiledObject", "{\"sdk\":99}"), 400, "invalid_argument");
        // A second instance reads the defaults from Redis.
        FunctionClient other = function(true);
        datastoreCalls.reset();
        assertTrue(assertOk(other.call("GetDefaultPrecompiledObject", "{\"sdk\":\"SDK_GO\"}")).contains("SDK_GO_WordCount"));
        assertEquals(0, datastoreCalls.total(), datastoreCalls.byMethod().toString());
    }

    @Test
    void aSecondLoadIsSeenAtOnceWithoutAStaleCache() throws Exception {
        FunctionClient fn = function(true);
        FunctionClient other = function(true);
        load(fn, CATALOG);
        assertEquals(EXPECTED, lines(fn.call("GetPrecompiledObjects", "{}")));
        assertEquals(EXPECTED, lines(other.call("GetPrecompiledObjects", "{}")));

        // The loader of another process: Aggregate removed, MinimalWordCount changed.
        FunctionClient loader = function(true);
        List<LoadedExample> second = List.of(PYTHON_WORD_COUNT, changed(JAVA_MINIMAL, "Now documented"), GO_WORD_COUNT,
                JAVA_WORD_COUNT);
        CatalogPublisher.Result result = load(loader, second);
        assertEquals(2, result.version());
        assertEquals(1, result.deleted());

        for (FunctionClient f : List.of(fn, other)) {
            assertEquals(EXPECTED.subList(1, EXPECTED.size()), lines(f.call("GetPrecompiledObjects", "{}")));
            assertTrue(assertOk(f.call("GetPrecompiledObject", "{\"cloudPath\":\"SDK_JAVA_MinimalWordCount\"}"))
                    .contains("Now documented"));
            assertConnectError(f.call("GetPrecompiledObject", "{\"cloudPath\":\"SDK_JAVA_Aggregate\"}"), 404, "not_found");
            assertEquals("{}", assertOk(f.call("GetPrecompiledObjectOutput", "{\"cloudPath\":\"SDK_JAVA_MinimalWordCount\"}")));
        }
    }

    @Test
    void aCacheHitMakesNoDatastoreCallAndABuildAStatedNumber() throws Exception {
        FunctionClient fn = function(true);
        load(fn, CATALOG);

        // The load wrote the new version's entry before publishing it: the first request reads it from Redis.
        datastoreCalls.reset();
        lines(fn.call("GetPrecompiledObjects", "{}"));
        assertEquals(0, datastoreCalls.total(), datastoreCalls.byMethod().toString());

        // The entry evicted: an instance builds it. 1 lookup (version, SDKs) + 1 query + 1 lookup (snippets, main
        // files) + 1 lookup (datasets).
        redis.command("DEL", "EXAMPLES_CATALOG");
        FunctionClient builder = function(true);
        // An instance's first store call also reports it to the instance registry (a transaction of its own):
        // made here, so that only the build is counted.
        builder.store().countSnippets();
        datastoreCalls.reset();
        lines(builder.call("GetPrecompiledObjects", "{}"));
        assertEquals(Map.of("lookup", 3, "runQuery", 1), datastoreCalls.byMethod());

        datastoreCalls.reset();
        for (int i = 0; i < 20; i++) {
            lines(fn.call("GetPrecompiledObjects", "{}"));
            assertOk(fn.call("GetPrecompiledObject", "{\"cloudPath\":\"SDK_GO_WordCount\"}"));
            assertOk(fn.call("GetDefaultPrecompiledObject", "{\"sdk\":\"SDK_JAVA\"}"));
            lines(fn.call("GetPrecompiledObjects", "{\"sdk\":\"SDK_JAVA\"}"));
        }
        assertEquals(0, datastoreCalls.total(), datastoreCalls.byMethod().toString());

        // Another instance (empty memory) takes the catalog from Redis: still no Datastore call.
        FunctionClient other = function(true);
        assertEquals(EXPECTED, lines(other.call("GetPrecompiledObjects", "{}")));
        assertEquals(0, datastoreCalls.total(), datastoreCalls.byMethod().toString());
        assertEquals("1:1000", redis.command("GET", "CATALOG_VERSION"));
        assertTrue(redis.command("GET", "EXAMPLES_CATALOG").startsWith("1:{\"sdkCategories\""));
        assertTrue(redis.command("HGET", "DEFAULT_PRECOMPILED_OBJECTS", "SDK_GO").startsWith("1:{"));
        assertTrue(redis.command("GET", "SDKS_CATALOG").startsWith("1:["));

        // Redis emptied (a restart of Memorystore): one build, its version claimed again.
        redis.flushAll();
        FunctionClient third = function(true);
        assertEquals(EXPECTED, lines(third.call("GetPrecompiledObjects", "{}")));
        assertEquals("1:1000", redis.command("GET", "CATALOG_VERSION"));
    }

    @Test
    void unknownCloudPathsAreNotFoundAndBadOnesInvalid() {
        FunctionClient fn = function(true);
        load(fn, CATALOG);
        for (String method : List.of("GetPrecompiledObject", "GetPrecompiledObjectCode", "GetPrecompiledObjectOutput",
                "GetPrecompiledObjectLogs", "GetPrecompiledObjectGraph")) {
            assertConnectError(fn.call(method, "{\"cloudPath\":\"SDK_JAVA_NoSuchExample\"}"), 404, "not_found");
            assertConnectError(fn.call(method, "{\"cloudPath\":\"SDK_JAVA_WordCount_0\"}"), 404, "not_found");
            assertConnectError(fn.call(method, "{}"), 400, "invalid_argument");
            assertConnectError(fn.call(method, "{\"cloudPath\":\"a\\nb\"}"), 400, "invalid_argument");
        }
        assertConnectError(fn.call("GetPrecompiledObjects", "{\"category\":\"" + "x".repeat(300) + "\"}"), 400,
                "invalid_argument");
    }

    @Test
    void withRedisStoppedTheCatalogIsServedFromTheStore() throws Exception {
        FunctionClient fn = function(true);
        load(fn, CATALOG);
        assertEquals(EXPECTED, lines(fn.call("GetPrecompiledObjects", "{}")));

        redis.stop();
        assertEquals(EXPECTED, lines(fn.call("GetPrecompiledObjects", "{}")));
        // A fresh instance while Redis is down: built from the store.
        FunctionClient fresh = function(true);
        assertEquals(EXPECTED, lines(fresh.call("GetPrecompiledObjects", "{}")));
        assertTrue(assertOk(fresh.call("GetDefaultPrecompiledObject", "{\"sdk\":\"SDK_PYTHON\"}")).contains("SDK_PYTHON_WordCount"));
        // Memory checked against the store's version: one small lookup per request, no rebuild.
        fresh.awaitRegistryReport();
        datastoreCalls.reset();
        lines(fresh.call("GetPrecompiledObjects", "{}"));
        assertEquals(Map.of("lookup", 1), datastoreCalls.byMethod());

        // A load needs the cache to announce itself: refused while Redis is down, nothing written.
        FunctionClient loader = function(true);
        org.junit.jupiter.api.Assertions.assertThrows(dev.beamplayground.domain.error.UnavailableException.class,
                () -> load(loader, CATALOG.subList(0, 2)));
        assertEquals(EXPECTED, lines(fresh.call("GetPrecompiledObjects", "{}")));

        redis.restart();
        assertEquals(EXPECTED, lines(function(true).call("GetPrecompiledObjects", "{}")));
    }

    @Test
    void connectGetCarriesAStrongEtagAndAnswers304() {
        FunctionClient fn = function(true);
        load(fn, CATALOG);
        String path = "/api.v1.PlaygroundService/GetPrecompiledObjects?encoding=json&message="
                + URLEncoder.encode("{\"sdk\":\"SDK_JAVA\"}", StandardCharsets.UTF_8);
        FunctionResponse first = fn.send("GET", path, null, (String) null);
        String body = assertOk(first);
        assertTrue(body.contains("SDK_JAVA_WordCount"), body);
        String etag = first.header("ETag");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
        assertEquals("public, no-cache", first.header("Cache-Control"));

        String conditional = "\"other\", W/" + etag;
        FunctionResponse notModified = invoke(fn, path, conditional);
        assertEquals(304, notModified.getStatusCode());
        assertEquals(etag, notModified.header("ETag"));
        assertEquals("", notModified.getBodyAsText());

        // After a load the tag changes, so the revalidation brings the new catalog.
        load(fn, CATALOG.subList(0, 3));
        FunctionResponse changed = invoke(fn, path, conditional);
        assertEquals(200, changed.getStatusCode());
        assertFalse(etag.equals(changed.header("ETag")));

        String code = "/api.v1.PlaygroundService/GetPrecompiledObjectCode?connect=v1&encoding=json&base64=1&message="
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        "{\"cloudPath\":\"SDK_GO_WordCount\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertOk(fn.send("GET", code, null, (String) null)).contains("code of WordCount"));
        assertConnectError(fn.send("GET", "/api.v1.PlaygroundService/GetPrecompiledObjects?encoding=xml&message=x",
                null, (String) null), 415, "invalid_argument");
        assertConnectError(fn.send("GET", "/api.v1.PlaygroundService/GetPrecompiledObjects?encoding=json",
                null, (String) null), 400, "invalid_argument");
    }

    @Test
    void binaryAnswersCarryTheSameCatalogAsJsonInEveryProtocol() throws Exception {
        FunctionClient fn = function(true);
        load(fn, CATALOG);
        byte[] request = dev.beamplayground.api.v1.GetPrecompiledObjectsRequest.newBuilder()
                .setSdk(dev.beamplayground.api.v1.Sdk.SDK_JAVA).build().toByteArray();
        GetPrecompiledObjectsResponse fromJson = parse(assertOk(fn.call("GetPrecompiledObjects",
                "{\"sdk\":\"SDK_JAVA\"}")), GetPrecompiledObjectsResponse.newBuilder()).build();
        assertTrue(fromJson.getSdkCategoriesCount() > 0);

        FunctionResponse binary = fn.send("POST", FunctionClient.SERVICE + "GetPrecompiledObjects", request,
                "application/proto");
        assertEquals(fromJson, GetPrecompiledObjectsResponse.parseFrom(binary.body()));
        byte[] framed = new byte[request.length + 5];
        framed[4] = (byte) request.length;
        System.arraycopy(request, 0, framed, 5, request.length);
        FunctionResponse web = fn.send("POST", FunctionClient.SERVICE + "GetPrecompiledObjects", framed,
                "application/grpc-web+proto");
        int length = java.nio.ByteBuffer.wrap(web.body(), 1, 4).getInt();
        assertEquals(fromJson, GetPrecompiledObjectsResponse.parseFrom(java.util.Arrays.copyOfRange(web.body(), 5,
                5 + length)));

        String get = "/api.v1.PlaygroundService/GetPrecompiledObjects?encoding=proto&base64=1&message="
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(request);
        FunctionResponse viaGet = fn.send("GET", get, null, (String) null);
        assertEquals("application/proto", viaGet.header("Content-Type"));
        assertEquals(fromJson, GetPrecompiledObjectsResponse.parseFrom(viaGet.body()));
        assertEquals(304, invoke(fn, get, viaGet.header("ETag")).getStatusCode());
    }

    private static FunctionResponse invoke(FunctionClient fn, String path, String ifNoneMatch) {
        return fn.send("GET", path, null, java.util.Map.of("If-None-Match", ifNoneMatch));
    }

    @Test
    void withoutRedisTheStoreVersionKeepsMemoryCurrent() throws Exception {
        FunctionClient fn = function(false);
        load(fn, CATALOG);
        assertEquals(EXPECTED, lines(fn.call("GetPrecompiledObjects", "{}")));
        datastoreCalls.reset();
        assertEquals(EXPECTED, lines(fn.call("GetPrecompiledObjects", "{}")));
        assertEquals(Map.of("lookup", 1), datastoreCalls.byMethod());

        load(function(false), CATALOG.subList(1, 5));
        assertEquals(EXPECTED.subList(0, 5), lines(fn.call("GetPrecompiledObjects", "{}")));
    }

    @Test
    void storeUnreachableAndNoCacheIsUnavailable() {
        FunctionClient fn = FunctionClient.start(Map.of("backend.module", "datastore",
                "backend.emulator-host", "127.0.0.1:1", "backend.project-id", emulator.projectId(),
                "backend.namespace", namespace));
        started.add(fn);
        FunctionResponse response = fn.call("GetPrecompiledObjects", "{}");
        assertConnectError(response, 503, "unavailable");
        assertTrue(response.header("Retry-After") != null);
    }
}
