package dev.beamplayground.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamplayground.api.v1.Categories;
import dev.beamplayground.api.v1.GetPrecompiledObjectsRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectsResponse;
import dev.beamplayground.api.v1.PrecompiledObject;
import dev.beamplayground.api.v1.SaveSnippetRequest;
import dev.beamplayground.api.v1.SaveSnippetResponse;
import dev.beamplayground.api.v1.Sdk;
import dev.beamplayground.api.v1.SnippetFile;
import dev.beamplayground.testing.IsolatedClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The protocol layer serves calls in all its codecs without building a protobuf descriptor: building api.proto's
 * costs a cold start some 100 ms. Run in a class loader of its own, so that what other tests of this JVM loaded does
 * not count.
 */
class DescriptorFreeTest {
    @Test
    void callsInJsonProtoAndGrpcWebBuildNoDescriptor() throws Exception {
        try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
            assertEquals(List.of(200, 200, 200, 200, 200), loader.instance(Calls.class, Supplier.class).get());
            assertTrue(loader.loaded(RpcHandler.class.getName()), "the calls did not run there");
            assertFalse(loader.loaded("com.google.protobuf.DescriptorProtos$FileDescriptorProto"), "a file descriptor was read");
            assertFalse(loader.loaded("com.google.protobuf.Descriptors$FileDescriptor"), "a descriptor was built");
        }
    }

    /**
     * The calls, made inside the isolated loader. A {@code Dataset} is left out: its map field's generated code
     * reaches for the descriptor in any codec.
     */
    public static final class Calls implements Supplier<List<Integer>> {
        @Override
        public List<Integer> get() {
            ServiceMethods methods = () -> List.of(
                    UnaryMethod.of("SaveSnippet", SaveSnippetRequest.getDefaultInstance(),
                            r -> Reply.of(SaveSnippetResponse.newBuilder().setId(r.getFiles(0).getName()).build())),
                    UnaryMethod.of("GetPrecompiledObjects", GetPrecompiledObjectsRequest.getDefaultInstance(),
                            r -> Reply.of(GetPrecompiledObjectsResponse.newBuilder().addSdkCategories(
                                    Categories.newBuilder().setSdk(r.getSdk()).addCategories(
                                            Categories.Category.newBuilder().setCategoryName("c").addPrecompiledObjects(
                                                    PrecompiledObject.newBuilder().setName("n").addTags("t")
                                                            .setContextLine(3)))).build())));
            RpcHandler handler = new RpcHandler(List.of(methods), new Cors(List.of("http://localhost:*"),
                    Duration.ofMinutes(1)), 1 << 20, "max-age=60");
            List<Integer> statuses = new ArrayList<>();
            statuses.add(post(handler, "SaveSnippet", "application/json",
                    "{\"sdk\":\"SDK_JAVA\",\"files\":[{\"name\":\"A.java\",\"content\":\"class A {}\"}]}"
                            .getBytes(StandardCharsets.UTF_8)));
            statuses.add(post(handler, "SaveSnippet", "application/proto", SaveSnippetRequest.newBuilder()
                    .setSdk(Sdk.SDK_GO).addFiles(SnippetFile.newBuilder().setName("main.go")).build().toByteArray()));
            statuses.add(post(handler, "GetPrecompiledObjects", "application/json",
                    "{\"sdk\":2}".getBytes(StandardCharsets.UTF_8)));
            statuses.add(post(handler, "GetPrecompiledObjects", "application/grpc-web+proto", RpcHandlerTest.frame(0,
                    GetPrecompiledObjectsRequest.newBuilder().setSdk(Sdk.SDK_PYTHON).build().toByteArray())));
            statuses.add(handler.handle(new RpcRequest("GET", PlaygroundApi.PATH_PREFIX + "GetPrecompiledObjects",
                    "encoding=json&message=%7B%7D", new Headers(), null)).status());
            return statuses;
        }

        private static int post(RpcHandler handler, String method, String contentType, byte[] body) {
            return handler.handle(new RpcRequest("POST", PlaygroundApi.PATH_PREFIX + method, null,
                    new Headers().add("Content-Type", contentType), body)).status();
        }
    }
}
