package dev.beamplayground.function.getcatalog;

import com.google.protobuf.Message;
import dev.beamplayground.api.v1.GetDefaultPrecompiledObjectRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectCodeRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectGraphRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectLogsRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectOutputRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectRequest;
import dev.beamplayground.api.v1.GetPrecompiledObjectsRequest;
import dev.beamplayground.catalog.CatalogService;
import dev.beamplayground.connect.CacheableBody;
import dev.beamplayground.connect.ConnectCodec;
import dev.beamplayground.connect.ConnectGet;
import dev.beamplayground.domain.PrecompiledObject.Kind;
import dev.beamplayground.wire.CatalogWire;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.util.function.Function;

/**
 * The catalog methods, each as Connect POST and as Connect GET (with ETag, Cache-Control and 304). Every
 * answer is a serialized body the catalog service keeps or makes; nothing is serialized here.
 */
@Controller("/api.v1.PlaygroundService")
public class GetCatalogController {
    private final ConnectCodec codec;
    private final ConnectGet get;
    private final CatalogService catalog;

    public GetCatalogController(ConnectCodec codec, ConnectGet get, CatalogService catalog) {
        this.codec = codec;
        this.get = get;
        this.catalog = catalog;
    }

    private CacheableBody listing(GetPrecompiledObjectsRequest r) {
        return catalog.listing(CatalogWire.sdkOf(r.getSdk()), r.getCategory());
    }

    private CacheableBody defaultFor(GetDefaultPrecompiledObjectRequest r) {
        return catalog.defaultObject(CatalogWire.sdkOf(r.getSdk()));
    }

    private <T extends Message> HttpResponse<byte[]> post(HttpRequest<?> request, byte[] body, T.Builder builder,
                                                          Function<T, CacheableBody> method) {
        return codec.ok(method.apply(codec.parse(request, body, builder)).json());
    }

    private <T extends Message> HttpResponse<byte[]> get(HttpRequest<?> request, T.Builder builder,
                                                         Function<T, CacheableBody> method) {
        return get.respond(request, method.apply(get.parse(request, builder)));
    }

    // Any content type is routed to the POST methods so that a wrong one gets a Connect error from the codec.

    @Post(uri = "/GetPrecompiledObjects", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> objects(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return post(request, body, GetPrecompiledObjectsRequest.newBuilder(),
                (GetPrecompiledObjectsRequest r) -> listing(r));
    }

    @Get(uri = "/GetPrecompiledObjects", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> objects(HttpRequest<?> request) {
        return get(request, GetPrecompiledObjectsRequest.newBuilder(),
                (GetPrecompiledObjectsRequest r) -> listing(r));
    }

    @Post(uri = "/GetPrecompiledObject", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> object(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return post(request, body, GetPrecompiledObjectRequest.newBuilder(),
                (GetPrecompiledObjectRequest r) -> catalog.object(r.getCloudPath()));
    }

    @Get(uri = "/GetPrecompiledObject", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> object(HttpRequest<?> request) {
        return get(request, GetPrecompiledObjectRequest.newBuilder(),
                (GetPrecompiledObjectRequest r) -> catalog.object(r.getCloudPath()));
    }

    @Post(uri = "/GetPrecompiledObjectCode", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> code(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return post(request, body, GetPrecompiledObjectCodeRequest.newBuilder(),
                (GetPrecompiledObjectCodeRequest r) -> catalog.code(r.getCloudPath()));
    }

    @Get(uri = "/GetPrecompiledObjectCode", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> code(HttpRequest<?> request) {
        return get(request, GetPrecompiledObjectCodeRequest.newBuilder(),
                (GetPrecompiledObjectCodeRequest r) -> catalog.code(r.getCloudPath()));
    }

    @Post(uri = "/GetPrecompiledObjectOutput", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> output(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return post(request, body, GetPrecompiledObjectOutputRequest.newBuilder(),
                (GetPrecompiledObjectOutputRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.OUTPUT));
    }

    @Get(uri = "/GetPrecompiledObjectOutput", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> output(HttpRequest<?> request) {
        return get(request, GetPrecompiledObjectOutputRequest.newBuilder(),
                (GetPrecompiledObjectOutputRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.OUTPUT));
    }

    @Post(uri = "/GetPrecompiledObjectLogs", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> logs(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return post(request, body, GetPrecompiledObjectLogsRequest.newBuilder(),
                (GetPrecompiledObjectLogsRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.LOG));
    }

    @Get(uri = "/GetPrecompiledObjectLogs", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> logs(HttpRequest<?> request) {
        return get(request, GetPrecompiledObjectLogsRequest.newBuilder(),
                (GetPrecompiledObjectLogsRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.LOG));
    }

    @Post(uri = "/GetPrecompiledObjectGraph", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> graph(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return post(request, body, GetPrecompiledObjectGraphRequest.newBuilder(),
                (GetPrecompiledObjectGraphRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.GRAPH));
    }

    @Get(uri = "/GetPrecompiledObjectGraph", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> graph(HttpRequest<?> request) {
        return get(request, GetPrecompiledObjectGraphRequest.newBuilder(),
                (GetPrecompiledObjectGraphRequest r) -> catalog.precompiled(r.getCloudPath(), Kind.GRAPH));
    }

    @Post(uri = "/GetDefaultPrecompiledObject", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> defaultObject(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return post(request, body, GetDefaultPrecompiledObjectRequest.newBuilder(),
                (GetDefaultPrecompiledObjectRequest r) -> defaultFor(r));
    }

    @Get(uri = "/GetDefaultPrecompiledObject", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> defaultObject(HttpRequest<?> request) {
        return get(request, GetDefaultPrecompiledObjectRequest.newBuilder(),
                (GetDefaultPrecompiledObjectRequest r) -> defaultFor(r));
    }
}
