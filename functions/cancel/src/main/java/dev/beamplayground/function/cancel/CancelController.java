package dev.beamplayground.function.cancel;

import dev.beamplayground.api.v1.CancelRequest;
import dev.beamplayground.api.v1.CancelResponse;
import dev.beamplayground.connect.ConnectCodec;
import dev.beamplayground.pipeline.CancelRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/**
 * {@code Cancel}: checks the request and the pipeline's state, publishes a cancel message and
 * answers {@code {}} without waiting for the runner (see {@link CancelRequests} for unknown and
 * ended pipelines).
 */
@Controller("/api.v1.PlaygroundService")
public class CancelController {
    private final ConnectCodec codec;
    private final CancelRequests cancels;

    public CancelController(ConnectCodec codec, CancelRequests cancels) {
        this.codec = codec;
        this.cancels = cancels;
    }

    @Post(uri = "/Cancel", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> cancel(HttpRequest<?> request, @Nullable @Body byte[] body) {
        CancelRequest message = codec.parse(request, body, CancelRequest.newBuilder());
        cancels.cancel(message.getPipelineUuid());
        return codec.ok(CancelResponse.getDefaultInstance());
    }
}
