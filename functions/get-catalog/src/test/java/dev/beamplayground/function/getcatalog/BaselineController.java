package dev.beamplayground.function.getcatalog;

import dev.beamplayground.api.v1.GetPrecompiledObjectsRequest;
import dev.beamplayground.connect.ConnectCodec;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * The benchmark's baseline: the same request handling as GetPrecompiledObjects (Connect parse, JSON answer),
 * answering a pre-built byte array instead of asking the catalog service.
 */
@Controller("/bench")
@Requires(property = "bench.baseline")
public class BaselineController {
    static volatile byte[] prebuilt = new byte[0];
    private final ConnectCodec codec;

    public BaselineController(ConnectCodec codec) {
        this.codec = codec;
    }

    @Post(uri = "/Baseline", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> baseline(HttpRequest<?> request, @Nullable @Body byte[] body) {
        codec.parse(request, body, GetPrecompiledObjectsRequest.newBuilder());
        return codec.ok(prebuilt);
    }
}
